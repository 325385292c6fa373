// npm run bench: measures the foundation's figures and writes BENCHMARKS.md.
// Each motcua figure stands beside a bare-stack baseline measured in the same run.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../src/config/paths.ts";
import { startEmbeddedServer } from "../src/db/embedded-server.ts";
import { documentFigures } from "./documents.ts";
import { dossierFigures } from "./dossiers.ts";
import { dueDateThroughput } from "./due.ts";
import { kpiFigures } from "./kpi.ts";
import { syncFigures } from "./sync.ts";

const rows: string[] = [];
const log = (s: string) => {
  process.stdout.write(`${s}\n`);
  rows.push(s);
};

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

/** Starts a process, times it to its first healthy answer, runs `during`, then stops it. */
async function timedServer<T>(
  args: string[],
  env: NodeJS.ProcessEnv,
  healthUrl: string,
  during: () => Promise<T>,
): Promise<{ startMs: number; result: T }> {
  const t0 = Date.now();
  const child = spawn("node", args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (b) => {
    stderr = (stderr + String(b)).slice(-4000);
  });
  // Listen from the start: a child that dies early must fail the run, not hang it.
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  try {
    await waitFor(healthUrl, 120_000);
    const startMs = Date.now() - t0;
    const result = await during();
    if (!alive) throw new Error(`${args.join(" ")} exited early: ${stderr}`);
    return { startMs, result };
  } finally {
    if (alive) child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0 && code !== null && stderr)
      process.stderr.write(`${args.join(" ")} exited ${code}: ${stderr}\n`);
  }
}

function motcuaServer<T>(
  dataDir: string,
  port: number,
  during: () => Promise<T>,
  extra: NodeJS.ProcessEnv = {},
) {
  const env = {
    PORT: String(port),
    MOTCUA_DATA_DIR: dataDir,
    MOTCUA_PG_PORT: String(port + 1),
    LOG_LEVEL: "warn",
    ...extra,
  };
  return timedServer(["bin/motcua.js", "serve"], env, `http://127.0.0.1:${port}/api/v1/health`, during);
}

function bareFastify<T>(port: number, during: () => Promise<T>) {
  const code = `require("fastify")().get("/", async () => ({ ok: true })).listen({ port: ${port}, host: "127.0.0.1" })`;
  return timedServer(["-e", code], {}, `http://127.0.0.1:${port}/`, during);
}

/** Sequential requests (one client), after a warm-up: latency percentiles in ms. */
async function latency(urls: string[], rounds: number): Promise<{ p50: number; p99: number }> {
  for (const u of urls) await (await fetch(u)).arrayBuffer();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const u of urls) {
      const t = performance.now();
      const res = await fetch(u);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${u}: ${res.status}`);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

const SEARCHES = [
  "ket hon",
  "dang ky khai sinh",
  "giay phep xay dung",
  "thanh lap doanh nghiep",
  "chung thuc ban sao",
  "ho kinh doanh",
  "cap lai",
  "dat dai",
  "1.001193",
  "ly lich tu phap",
];

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
  // `npm run bench -- --only-kpi`: the indicators' figures alone, printed, BENCHMARKS.md untouched.
  if (process.argv.includes("--only-kpi")) return kpiFigures((s) => process.stdout.write(`${s}\n`));
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
    const cold = (await motcuaServer(join(dir, "no-demo"), 3905, async () => null, { MOTCUA_DEMO: "false" }))
      .startMs;
    const coldDemo = (await motcuaServer(dataDir, 3901, async () => null)).startMs;
    const searchUrls = SEARCHES.map(
      (q) => `http://127.0.0.1:3901/api/v1/procedures?q=${encodeURIComponent(q)}&limit=20`,
    );
    const warmRun = await motcuaServer(dataDir, 3901, () => latency(searchUrls, 30));
    const warm = warmRun.startMs;
    const bareRun = await bareFastify(3903, () => latency(["http://127.0.0.1:3903/"], 300));
    const fastify = bareRun.startMs;
    const pgStart = await barePostgresStart(dir, 3904);
    log("## Start to serving (`npm start` → first healthy answer)");
    log("");
    log("| what | ms | ratio |");
    log("|---|---:|---:|");
    log(
      `| motcua cold: initdb, migrate, import units, calendar, catalogue, agencies | ${cold} | ${(cold / (pgStart.cold + fastify)).toFixed(1)}× bare cold |`,
    );
    log(
      `| motcua cold in demo mode (npm start on a fresh clone): the above plus demo accounts and a synthetic year of 50,000 dossiers | ${coldDemo} | ${(coldDemo / (pgStart.cold + fastify)).toFixed(1)}× bare cold |`,
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
    const search = warmRun.result;
    const bare = bareRun.result;
    log("## Catalogue search over HTTP (2,642 procedures, one client, 300 requests over 10 queries)");
    log("");
    log("| what | p50 ms | p99 ms | p50 ratio |");
    log("|---|---:|---:|---:|");
    log(
      `| motcua GET /api/v1/procedures?q=… (unaccent + trigram, ranked, 20 rows) | ${search.p50.toFixed(2)} | ${search.p99.toFixed(2)} | ${(search.p50 / bare.p50).toFixed(1)}× bare |`,
    );
    log(`| bare: Fastify hello-world JSON | ${bare.p50.toFixed(2)} | ${bare.p99.toFixed(2)} | 1.0 |`);
    log("");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!process.argv.includes("--skip-dossiers")) await dossierFigures(log);
  if (!process.argv.includes("--skip-sync")) await syncFigures(log);
  if (!process.argv.includes("--skip-documents")) await documentFigures(log);
  if (!process.argv.includes("--skip-kpi")) await kpiFigures(log);
  await writeFile(join(repoRoot, "BENCHMARKS.md"), `${rows.join("\n")}\n`);
  process.stdout.write(`\nwritten to BENCHMARKS.md (sink ${due.sink})\n`);
}

await main();
