// npm run bench:quick — the reduced set, in under two minutes: motcua's figures over real HTTP and
// PostgreSQL beside the bare stack measured in the same run, as ratios. Writes
// bench/results.json (upserting its figures); with --check, fails when a ratio fell to under half of the committed
// bench/baseline.quick.json (absolute times vary between machines; ratios much less).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { repoRoot } from "../src/config/paths.ts";
import { startEmbeddedServer } from "../src/db/embedded-server.ts";
import { hammer, loadMotcua } from "../src/workload/load.client.ts";
import { type Figure, figure, regressions, upsertResults } from "../src/workload/results.store.ts";
import { dueDateThroughput } from "./due.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 16;
const OUT = join(repoRoot, "bench/results.json");
const BASELINE = join(repoRoot, "bench/baseline.quick.json");

async function until(url: string, ms: number, child: ChildProcess) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer in ${ms} ms`);
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: "ignore" });
}

/** Single-row INSERTs and point SELECTs from CONNECTIONS clients for a few seconds each. */
async function barePostgres(url: string) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  await clients[0]?.query(
    "CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, payload jsonb NOT NULL)",
  );
  const rate = async (one: (c: pg.Client, i: number) => Promise<unknown>) => {
    const end = Date.now() + SECONDS * 1000;
    let n = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        for (let i = 0; Date.now() < end; i++, n++) await one(c, i);
      }),
    );
    return n / ((performance.now() - t0) / 1000);
  };
  const insert = await rate((c) => c.query("INSERT INTO bench_bare (payload) VALUES ($1)", ['{"a":1}']));
  const point = await rate((c, i) =>
    c.query("SELECT payload FROM bench_bare WHERE id = $1", [1 + (i % 1000)]),
  );
  await Promise.all(clients.map((c) => c.end()));
  return { insert, point };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "motcua-quick-"));
  await chmod(dir, 0o755);
  const children: ChildProcess[] = [];
  const pgServer = await startEmbeddedServer(join(dir, "pg"), 3931);
  try {
    const due = dueDateThroughput(1_000_000);
    const bare = await barePostgres(pgServer.url);
    const fastify = start(
      [
        "-e",
        `require("fastify")().get("/", async () => ({ ok: true })).listen({ port: 3933, host: "127.0.0.1" })`,
      ],
      {},
    );
    children.push(fastify);
    await until("http://127.0.0.1:3933/", 30_000, fastify);
    const hello = await hammer(
      "bare Fastify",
      { url: "http://127.0.0.1:3933", seconds: SECONDS, connections: CONNECTIONS },
      { path: "/" },
    );
    fastify.kill();

    // motcua on the same PostgreSQL: a small demo year so the desk's queue has dossiers to read.
    const app = start(["bin/motcua.js", "serve"], {
      PORT: "3932",
      DATABASE_URL: pgServer.url,
      MOTCUA_DEMO: "true",
      MOTCUA_DEMO_DOSSIERS: "300",
      // A load test is one official hammering: the per-caller limits would answer 429.
      MOTCUA_RATE_LIMIT_OFFICIAL: "0",
      MOTCUA_RATE_LIMIT_ADDRESS: "0",
      MOTCUA_STANDINS_PORT: "3940",
      MOTCUA_DATA_DIR: join(dir, "app"),
      LOG_LEVEL: "error",
    });
    children.push(app);
    await until("http://127.0.0.1:3932/api/v1/health", 120_000, app);
    const run = await loadMotcua({
      url: "http://127.0.0.1:3932",
      profile: "peak",
      seconds: SECONDS,
      connections: CONNECTIONS,
      username: "desk",
      password: "demo",
    });
    const [reception, lookup, inbox] = run.endpoints as [typeof hello, typeof hello, typeof hello];
    const figures: Figure[] = [
      figure({
        name: "due-date computations",
        value: Math.round(due.motcuaRate),
        unit: "1/s/core",
        goal: ">= 1,000,000/s/core",
        baseline: Math.round(due.bareRate),
        met: due.motcuaRate >= 1e6,
      }),
      figure({
        name: "reception over HTTP",
        value: Math.round(reception.requestsPerSec),
        unit: "1/s",
        goal: ">= 1,000/s; >= 25% of bare insert",
        baseline: Math.round(bare.insert),
        met: reception.requestsPerSec >= 1000,
      }),
      figure({
        name: "lookup by code over HTTP",
        value: Math.round(lookup.requestsPerSec),
        unit: "1/s",
        goal: ">= 40% of bare Fastify",
        baseline: Math.round(hello.requestsPerSec),
        met: lookup.requestsPerSec >= 0.4 * hello.requestsPerSec,
      }),
      figure({
        name: "lookup by code p99",
        value: lookup.p99,
        unit: "ms",
        goal: "< 10 ms",
        baseline: hello.p99,
        met: lookup.p99 < 10,
        lowerIsBetter: true,
      }),
      figure({
        name: "inbox first page over HTTP",
        value: Math.round(inbox.requestsPerSec),
        unit: "1/s",
        goal: "",
        baseline: Math.round(bare.point),
        met: null,
      }),
      figure({
        name: "inbox first page p99",
        value: inbox.p99,
        unit: "ms",
        goal: "p95 < 20 ms",
        baseline: hello.p99,
        met: inbox.p97_5 < 20,
        lowerIsBetter: true,
      }),
    ];
    const errors = run.endpoints.reduce((n, e) => n + e.errors + e.non2xx, 0);
    const meta = {
      date: new Date().toISOString(),
      machine: `${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`,
      seconds: SECONDS,
      connections: CONNECTIONS,
      errors,
      peakNeed: run.need,
    };
    upsertResults(OUT, meta, figures);
    process.stdout.write(`\n| figure | value | unit | bare | ratio | goal |\n|---|---:|---|---:|---:|---|\n`);
    for (const f of figures) {
      process.stdout.write(
        `| ${f.name} | ${f.value} | ${f.unit} | ${f.baseline ?? ""} | ${f.ratio ?? ""} | ${f.goal} ${f.met === null ? "" : f.met ? "(met)" : "(not met)"} |\n`,
      );
    }
    process.stdout.write(`\nerrors and non-2xx answers under load: ${errors}\nwritten to ${OUT}\n`);
    if (errors > 0) throw new Error(`${errors} errors or non-2xx answers under load`);
    if (process.argv.includes("--check") && existsSync(BASELINE)) {
      const base = JSON.parse(readFileSync(BASELINE, "utf8")) as { figures: Figure[] };
      const worse = regressions(figures, base.figures);
      if (worse.length) throw new Error(`ratios regressed by more than half:\n${worse.join("\n")}`);
      process.stdout.write("no ratio regressed by more than half against bench/baseline.quick.json\n");
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    await pgServer.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
