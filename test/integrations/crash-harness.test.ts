import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { ensureLoginRole } from "../../src/kernel/db/app-role.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox, receptionBody } from "../support/dossiers.ts";
import { CLI, freePort, processEnv, startMotcua, stop } from "../support/processes.ts";
import { listen, setFaults, until } from "./standins.ts";

/**
 * Crash safety: the real server (API and workers in one process, `motcua serve`) runs under
 * load and is killed with SIGKILL at random moments, then restarted. Afterwards nothing
 * acknowledged is lost, no code is given twice, DVCQG got each change once and in order, and
 * `motcua kpi verify` and `motcua audit verify` pass. MOTCUA_CRASH_KILLS: 20 in npm test, 100 in
 * npm run test:full.
 */
const KILLS = Number(process.env.MOTCUA_CRASH_KILLS ?? 20);
const { db, url } = await freshDatabase();
const portal = createDvcqgStandin({ username: "motcua", password: "secret", faults: faultsSchema.parse({}) });
const dvcqg = await listen(portal.app);
const dir = mkdtempSync(join(tmpdir(), "motcua-crash-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const component = await firstComponent(db);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// As in production: migrations as the owner, the server as its own role (db/app-role.ts).
const role = `crash_${randomBytes(4).toString("hex")}`;
await ensureLoginRole(db, role, "crash-password");
const appUrl = new URL(url);
appUrl.username = role;
appUrl.password = "crash-password";
const env = processEnv(appUrl.toString(), dir, dvcqg, {
  MIGRATION_DATABASE_URL: url,
  PORT: String(port),
  MOTCUA_WORKERS: "in-process",
});
const startServer = () => startMotcua(["serve"], env);

/** What the server acknowledged (a 2xx answer reached us): this must survive any crash. */
const acknowledged = { dossiers: [] as string[], forwards: [] as string[] };
let token = "";

async function call(method: string, path: string, body?: unknown) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: await r.json().catch(() => null) };
}

/** One desk officer's work, over and over: receive, then forward to the specialist. */
async function deskLoop(stop: () => boolean, worker: number) {
  let i = 0;
  while (!stop()) {
    try {
      if (!token) {
        const r = await call("POST", "/api/v1/auth/login", { username: "desk", password: "demo" });
        if (r.status !== 200) throw new Error(`login ${r.status}`);
        token = r.body.token;
      }
      const applicant = { kind: "individual", name: `Người nộp ${worker}-${i++}`, idNumber: "035085000123" };
      const made = await call("POST", "/api/v1/dossiers", receptionBody(component, applicant));
      if (made.status !== 201) continue;
      acknowledged.dossiers.push(made.body.code);
      const fwd = await call("POST", `/api/v1/dossiers/${made.body.code}/actions`, { type: "forward" });
      if (fwd.status === 200) acknowledged.forwards.push(made.body.code);
    } catch {
      // The server is down (killed): nothing was acknowledged; wait for it to come back.
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const exec = promisify(execFile);

describe("crash safety under load", () => {
  it(
    `the server and its workers killed with SIGKILL ${KILLS} times lose nothing acknowledged`,
    async () => {
      await setFaults(dvcqg, { latencyMs: 5, jitterMs: 20 });
      let stopping = false;
      let server = await startServer();
      const loops = [0, 1, 2].map((w) => deskLoop(() => stopping, w));
      for (let k = 0; k < KILLS; k++) {
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
        await stop(server);
        server = await startServer();
      }
      await new Promise((r) => setTimeout(r, 500));
      stopping = true;
      await Promise.all(loops);
      await until(async () => (await pendingOutbox(db, "dvcqg")) === 0, 60_000, "DVCQG backlog to drain");
      // The last server seals what the killed ones left (verify faults records unsealed for a minute).
      await until(
        async () =>
          Number(
            (
              await db
                .selectFrom("audit_log")
                .select((a) => a.fn.countAll().as("n"))
                .where("seal_seq", "is", null)
                .executeTakeFirstOrThrow()
            ).n,
          ) === 0,
        60_000,
        "the audit chain to seal",
      );
      await stop(server, "SIGTERM");

      // Nothing acknowledged is lost.
      expect(acknowledged.dossiers.length).toBeGreaterThan(KILLS);
      const stored = await db
        .selectFrom("dossier")
        .select(["code", "id"])
        .where("code", "in", acknowledged.dossiers)
        .execute();
      expect(stored.length).toBe(acknowledged.dossiers.length);
      const forwarded = await sql<{ code: string }>`
      SELECT DISTINCT d.code FROM dossier d JOIN dossier_action a ON a.dossier_id = d.id
      WHERE a.type = 'forward' AND d.code = ANY(${acknowledged.forwards}::text[])`.execute(db);
      expect(forwarded.rows.length).toBe(acknowledged.forwards.length);

      // No code given twice, and no journal step twice.
      expect(new Set(acknowledged.dossiers).size).toBe(acknowledged.dossiers.length);
      const dupes = await sql`SELECT code FROM dossier GROUP BY code HAVING count(*) > 1`.execute(db);
      expect(dupes.rows).toEqual([]);

      // DVCQG has each dossier's changes once each, in journal order (redeliveries are dropped by key).
      const events = await sql<{ code: string; keys: string[] }>`
      SELECT d.code, array_agg(d.code || '#' || e.seq ORDER BY e.seq) AS keys
      FROM outbox_event e JOIN dossier d ON d.id = e.dossier_id::bigint
      WHERE e.topic = 'dvcqg' GROUP BY d.code`.execute(db);
      expect(events.rows.length).toBeGreaterThanOrEqual(acknowledged.dossiers.length);
      for (const { code, keys } of events.rows) {
        expect([code, (portal.state.progress.get(code) ?? []).map((e) => e.IdTienDo)]).toEqual([code, keys]);
      }

      // The indicators and the audit chain agree with the data.
      const kpi = await exec(process.execPath, [...CLI, "kpi", "verify"], { env });
      expect(kpi.stdout).toMatch(/./);
      const audit = await exec(process.execPath, [...CLI, "audit", "verify"], { env });
      expect(audit.stdout).toMatch(/./);
      console.log(
        `crash: ${KILLS} kills, ${acknowledged.dossiers.length} dossiers and ${acknowledged.forwards.length} forwards acknowledged, ${events.rows.length} dossiers synced, ${portal.state.stats.duplicatesDropped} redeliveries dropped by DVCQG`,
      );
    },
    KILLS * 20_000 + 300_000,
  );
});
