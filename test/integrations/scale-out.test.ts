import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { signIn } from "../../bench/workload/load.client.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox, receptionBody } from "../support/dossiers.ts";
import { freePort, processEnv, startMotcua, stop } from "../support/processes.ts";
import { listen, until } from "./standins.ts";

/**
 * Scale-out as SCALING.md describes it: stateless app processes and separate worker processes on
 * one PostgreSQL. Two `motcua serve` (workers off) and two `motcua worker` share the load; the
 * throughput with one and two app processes is reported, and no change reaches DVCQG twice.
 */
const { db, url } = await freshDatabase();
const portal = createDvcqgStandin({ username: "motcua", password: "secret", faults: faultsSchema.parse({}) });
const dvcqg = await listen(portal.app);
const dir = mkdtempSync(join(tmpdir(), "motcua-scale-"));
const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => stop(c, "SIGTERM")));
  await rm(dir, { recursive: true, force: true });
});
const component = await firstComponent(db);
const env = (extra: Record<string, string>) => processEnv(url, dir, dvcqg, extra);

/** Receptions from `loops` desks per app for `ms`: completions per second and the codes made. */
async function receive(bases: string[], loops: number, ms: number) {
  const auth = await Promise.all(bases.map((base) => signIn(base, "desk")));
  const codes: string[] = [];
  let failures = 0;
  const end = Date.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    bases.flatMap((base, b) =>
      Array.from({ length: loops }, async (_, w) => {
        for (let i = 0; Date.now() < end; i++) {
          const applicant = {
            kind: "individual",
            name: `Người nộp ${b}-${w}-${i}`,
            idNumber: "035085000123",
          };
          const r = await fetch(`${base}/api/v1/dossiers`, {
            method: "POST",
            headers: { "content-type": "application/json", ...auth[b] },
            body: JSON.stringify(receptionBody(component, applicant)),
          });
          if (r.status === 201) codes.push(((await r.json()) as { code: string }).code);
          else failures++;
        }
      }),
    ),
  );
  return { perSec: codes.length / ((performance.now() - t0) / 1000), codes, failures };
}

describe("scale-out: two app processes and two worker processes on one database", () => {
  it("serve the same API, share the deliveries, and deliver each change once", async () => {
    const ports = [await freePort(), await freePort()];
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    for (const port of ports) {
      children.push(await startMotcua(["serve"], env({ PORT: String(port), MOTCUA_WORKERS: "off" })));
    }
    for (let i = 0; i < 2; i++) children.push(await startMotcua(["worker"], env({})));

    const one = await receive(bases.slice(0, 1), 8, 4000);
    const two = await receive(bases, 4, 4000);
    expect(one.failures + two.failures).toBe(0);
    await until(
      async () => (await pendingOutbox(db, "dvcqg")) === 0,
      60_000,
      "the workers to drain the outbox",
    );

    const codes = [...one.codes, ...two.codes];
    expect(new Set(codes).size).toBe(codes.length);
    const events = await sql<{ code: string; keys: string[] }>`
      SELECT d.code, array_agg(d.code || '#' || e.seq ORDER BY e.seq) AS keys
      FROM outbox_event e JOIN dossier d ON d.id = e.dossier_id::bigint
      WHERE e.topic = 'dvcqg' GROUP BY d.code`.execute(db);
    expect(events.rows.length).toBe(codes.length);
    for (const { code, keys } of events.rows) {
      expect([code, (portal.state.progress.get(code) ?? []).map((e) => e.IdTienDo)]).toEqual([code, keys]);
    }
    // Two workers, no crash: nothing was sent twice, not even a duplicate the portal had to drop.
    expect(portal.state.stats.duplicatesDropped).toBe(0);
    // Both app processes took their share; on two cores with PostgreSQL beside them the second
    // process adds little, but it must not take throughput away.
    expect(two.perSec).toBeGreaterThan(one.perSec * 0.7);
    console.log(
      `scale-out: 1 app ${one.perSec.toFixed(0)} receptions/s, 2 apps ${two.perSec.toFixed(0)}/s (${(two.perSec / one.perSec).toFixed(2)}×); ${codes.length} dossiers delivered once each by 2 workers`,
    );
  }, 180_000);
});
