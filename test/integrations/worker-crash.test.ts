import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox } from "../support/dossiers.ts";
import { listen, setFaults, until } from "./standins.ts";

const KILLS = Number(process.env.MOTCUA_CRASH_KILLS ?? 5);
const { db, url } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const portal = createDvcqgStandin({ username: "motcua", password: "secret", faults: faultsSchema.parse({}) });
const base = await listen(portal.app);
const PROCEDURE = "1.000894";
const component = await firstComponent(db);

function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "test/support/outbox-worker-child.ts")],
    {
      env: { ...process.env, CHILD_DATABASE_URL: url, CHILD_DVCQG_URL: base },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", () => resolve(child));
    child.once("exit", (c) => reject(new Error(`worker exited early: ${c}`)));
  });
}
const kill = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    c.once("exit", () => resolve());
    c.kill("SIGKILL");
  });

const pending = async () => await pendingOutbox(db, "dvcqg");

describe("crash safety of delivery", () => {
  it(`a worker killed with SIGKILL mid-delivery ${KILLS} times loses nothing and duplicates nothing`, async () => {
    // Slow answers keep deliveries in flight when the kill lands.
    await setFaults(base, { latencyMs: 15, jitterMs: 30 });
    const codes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await t.call("POST", "/api/v1/dossiers", {
        as: "desk",
        body: {
          procedureCode: PROCEDURE,
          channel: 1,
          applicant: { kind: "individual", name: `Lê Văn ${i}`, idNumber: "035085000123" },
          submission: { by: "applicant" },
          components: [{ name: component }],
          outcome: "accept",
        },
      });
      codes.push(r.body.code);
      await t.call("POST", `/api/v1/dossiers/${r.body.code}/actions`, {
        as: "desk",
        body: { type: "forward" },
      });
      await t.call("POST", `/api/v1/dossiers/${r.body.code}/actions`, {
        as: "specialist",
        body: { type: "forward" },
      });
    }
    const total = await pending();
    expect(total).toBe(45);
    let kills = 0;
    while (kills < KILLS && (await pending()) > 0) {
      const w = await startWorker();
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 250));
      await kill(w);
      kills++;
    }
    const last = await startWorker();
    await until(async () => (await pending()) === 0, 30_000, "the backlog after the crashes");
    await kill(last);
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 1));
    for (const code of codes) {
      expect((portal.state.progress.get(code) ?? []).map((e) => e.IdTienDo)).toEqual(
        [1, 2, 3].map((s) => `${code}#${s}`),
      );
    }
  }, 120_000);
});
