/**
 * The short check: motcua started as `npm start` starts it (demo mode, stand-ins, population
 * checks on, workers in the process) on a throwaway data folder, then what a desk does first: a
 * keyed reception of a citizen, its replay, and 20 concurrent keyed receptions, and a health call.
 * Prints each answer and exits 1 if any is not what a desk must get.
 *
 *   node --import tsx scripts/short-check.ts
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../src/kernel/config/paths.ts";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), "motcua-check-"));
// As root the embedded server runs as a system user, which must reach the folder.
chmodSync(dir, 0o755);
const [port, pgPort, standinsPort] = [await freePort(), await freePort(), 20_000 + (process.pid % 20_000)];
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, [join(repoRoot, "bin/motcua.js"), "serve"], {
  env: {
    ...process.env,
    PORT: String(port),
    MOTCUA_PG_PORT: String(pgPort),
    MOTCUA_STANDINS_PORT: String(standinsPort),
    MOTCUA_DATA_DIR: dir,
    MOTCUA_DEMO_DOSSIERS: process.env.MOTCUA_DEMO_DOSSIERS ?? "2000",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
let failed = false;
const check = (ok: boolean, line: string) => {
  if (!ok) failed = true;
  console.log(`${ok ? "ok  " : "FAIL"} ${line}`);
};

try {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error("motcua exited while starting");
    if (Date.now() - started > 300_000) throw new Error("motcua did not answer in 300 s");
    const up = await fetch(`${base}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { token } = (await (
    await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "desk", password: "demo" }),
    })
  ).json()) as { token: string };
  const procedure = (await (await fetch(`${base}/api/v1/procedures/1.000894`)).json()) as {
    components: { name: string }[];
  };
  const body = (i: number) =>
    JSON.stringify({
      procedureCode: "1.000894",
      channel: 1,
      applicant: {
        kind: "individual",
        name: "Nguyễn Văn An",
        idNumber: `0370850${String(i).padStart(5, "0")}`,
        phone: "0912345678",
      },
      submission: { by: "applicant" },
      components: [{ name: procedure.components[0]?.name }],
      outcome: "accept",
    });
  const receive = async (key: string, i: number) => {
    const r = await fetch(`${base}/api/v1/dossiers`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: body(i),
    });
    return {
      status: r.status,
      json: (await r.json()) as { code?: string; pin?: string; [k: string]: unknown },
    };
  };
  const brief = (j: Record<string, unknown>) =>
    JSON.stringify({ code: j.code, pin: j.pin, status: j.status, replayed: j.replayed, error: j.error });
  const key = randomUUID();
  const first = await receive(key, 1);
  console.log("keyed reception:", first.status, brief(first.json));
  check(first.status === 201 && Boolean(first.json.pin), "keyed reception answers 201 with a PIN");
  const replay = await receive(key, 1);
  console.log("its replay:     ", replay.status, brief(replay.json));
  check(
    replay.status === 201 && replay.json.code === first.json.code && replay.json.pin === first.json.pin,
    "the replay answers 201 with the same code and PIN",
  );
  const t = Date.now();
  const many = await Promise.all(Array.from({ length: 20 }, (_, i) => receive(randomUUID(), 100 + i)));
  const created = many.filter((r) => r.status === 201).length;
  const codes = new Set(many.map((r) => r.json.code));
  console.log(`20 concurrent:   ${created}/20 answered 201 in ${Date.now() - t} ms, ${codes.size} codes`);
  check(created === 20 && codes.size === 20, "20 concurrent keyed receptions: 20/20, codes unique");
  const h = Date.now();
  const health = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
  console.log(`health:          ${health.status} in ${Date.now() - h} ms`);
  check(health.ok && Date.now() - h < 1_000, "health answers within 1 s");
} catch (e) {
  check(false, String(e));
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
