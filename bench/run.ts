// npm run bench: measures the foundation's figures and writes BENCHMARKS.md.
// Each motcua figure stands beside a bare-stack baseline measured in the same run.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { loadBundledCalendar } from "../src/calendar/calendar.loader.ts";
import type { Duration } from "../src/calendar/calendar.types.ts";
import { computeDue } from "../src/calendar/due-date.ts";
import { repoRoot } from "../src/config/paths.ts";
import { startEmbeddedServer } from "../src/db/embedded-server.ts";

const rows: string[] = [];
const log = (s: string) => {
  process.stdout.write(`${s}\n`);
  rows.push(s);
};

function dueDateThroughput() {
  const cal = loadBundledCalendar();
  const n = 2_000_000;
  const base = Date.parse("2024-01-01T00:00:00+07:00");
  // Varied inputs: receipts spread over three years at any minute, durations from 1 hour to 30 days.
  const received = new Float64Array(4096).map(
    (_, i) => base + ((i * 7919 * 60_000) % (3 * 365 * 86_400_000)),
  );
  const durations: Duration[] = Array.from({ length: 4096 }, (_, i) => ({
    kind: "working",
    minutes: 60 + ((i * 131) % (30 * 480)),
  }));
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = computeDue(cal, {
      receivedAt: new Date(received[i & 4095] ?? 0),
      duration: durations[i & 4095] as Duration,
    });
    if (r.ok && r.value.dueAt) sink += (r.value.dueAt.getTime() / 60_000) % 7;
  }
  const motcuaSec = Number(process.hrtime.bigint() - t0) / 1e9;
  // Bare baseline: the same loop adding wall-clock minutes (what an engine without a calendar does).
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const d = new Date(
      (received[i & 4095] ?? 0) + (durations[i & 4095] as { minutes: number }).minutes * 60_000,
    );
    sink += (d.getTime() / 60_000) % 7;
  }
  const bareSec = Number(process.hrtime.bigint() - t1) / 1e9;
  const motcuaRate = n / motcuaSec;
  const bareRate = n / bareSec;
  return { motcuaRate, bareRate, sink };
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}

/** Time from `npm start`'s command to the first healthy answer. */
async function startTime(dataDir: string, port: number): Promise<number> {
  const t0 = Date.now();
  const child = spawn("node", ["bin/motcua.js", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      MOTCUA_DATA_DIR: dataDir,
      MOTCUA_PG_PORT: String(port + 1),
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/v1/health`, 120_000);
    return Date.now() - t0;
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

async function bareFastifyStart(port: number): Promise<number> {
  const t0 = Date.now();
  const child = spawn(
    "node",
    ["-e", `require("fastify")().get("/", async () => "ok").listen({ port: ${port}, host: "127.0.0.1" })`],
    { cwd: repoRoot, stdio: "ignore" },
  );
  try {
    await waitFor(`http://127.0.0.1:${port}/`, 30_000);
    return Date.now() - t0;
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

async function barePostgresStart(dir: string, port: number): Promise<{ cold: number; warm: number }> {
  let t0 = Date.now();
  let server = await startEmbeddedServer(join(dir, "bare-pg"), port);
  const cold = Date.now() - t0;
  await server.stop();
  t0 = Date.now();
  server = await startEmbeddedServer(join(dir, "bare-pg"), port);
  const warm = Date.now() - t0;
  await server.stop();
  return { cold, warm };
}

async function main() {
  const cpu = cpus()[0]?.model ?? "unknown";
  log("# Benchmarks");
  log("");
  log("Written by `npm run bench`. Figures are from one run on the machine below; rerun to refresh.");
  log("");
  log(`- Date: ${new Date().toISOString()}`);
  log(
    `- Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`,
  );
  log("");
  const due = dueDateThroughput();
  log("## Due-date computations (one core, one thread)");
  log("");
  log("| what | per second | ratio |");
  log("|---|---:|---:|");
  log(
    `| motcua computeDue (working hours, holidays, sessions) | ${Math.round(due.motcuaRate).toLocaleString("en")} | ${(due.motcuaRate / due.bareRate).toFixed(2)} of bare |`,
  );
  log(`| bare: add wall-clock minutes to a Date | ${Math.round(due.bareRate).toLocaleString("en")} | 1.00 |`);
  log("");
  log(`Goal ≥1,000,000/s on one core: ${due.motcuaRate >= 1e6 ? "met" : "NOT met"}.`);
  log("");

  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-"));
  await chmod(dir, 0o755);
  try {
    const dataDir = join(dir, "app");
    const cold = await startTime(dataDir, 3901);
    const warm = await startTime(dataDir, 3901);
    const fastify = await bareFastifyStart(3903);
    const pgStart = await barePostgresStart(dir, 3904);
    log("## Start to serving (`npm start` → first healthy answer)");
    log("");
    log("| what | ms | ratio |");
    log("|---|---:|---:|");
    log(
      `| motcua cold: initdb, migrate, import units, calendar, catalogue, agencies | ${cold} | ${(cold / (pgStart.cold + fastify)).toFixed(1)}× bare cold |`,
    );
    log(
      `| motcua warm: data folder exists, nothing to import | ${warm} | ${(warm / (pgStart.warm + fastify)).toFixed(1)}× bare warm |`,
    );
    log(`| bare: embedded PostgreSQL initdb + start | ${pgStart.cold} | |`);
    log(`| bare: embedded PostgreSQL start (existing folder) | ${pgStart.warm} | |`);
    log(`| bare: Fastify hello-world process to first answer | ${fastify} | |`);
    log("");
    log(
      `Goal warm start <10 s: ${warm < 10_000 ? "met" : "NOT met"}. The bare sums are PostgreSQL + Fastify.`,
    );
    log("");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await writeFile(join(repoRoot, "BENCHMARKS.md"), `${rows.join("\n")}\n`);
  process.stdout.write(`\nwritten to BENCHMARKS.md (sink ${due.sink})\n`);
}

await main();
