// motcua over real HTTP under load, beside bare Fastify and bare PostgreSQL in the same run:
// capacity (flat out, 16 connections), latency at a paced rate, the app's peak RSS, and a CPU
// profile of the lookups that says where the time goes. Used by bench:quick and npm run bench.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedServer } from "../src/kernel/db/embedded-server.ts";
import { cpuBreakdown } from "./cpu-profile.ts";
import { record } from "./record.ts";
import { withBareFastify, withMotcua } from "./serve.ts";
import { hammer, loadMotcua, signIn } from "./workload/load.client.ts";
import type { Figure } from "./workload/results.store.ts";

const CONNECTIONS = 16;
const PACED_RATE = 100;

/** Single-row INSERTs, then point SELECTs, from CONNECTIONS clients for a few seconds each. */
export async function barePostgres(url: string, seconds: number, pointSeconds = seconds) {
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
  const rate = async (seconds: number, one: (c: pg.Client, i: number) => Promise<unknown>) => {
    const end = Date.now() + seconds * 1000;
    let n = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        for (let i = 0; Date.now() < end; i++, n++) await one(c, i);
      }),
    );
    return n / ((performance.now() - t0) / 1000);
  };
  const insert = await rate(seconds, (c) =>
    c.query("INSERT INTO bench_bare (payload) VALUES ($1)", ['{"a":1}']),
  );
  const point = await rate(pointSeconds, (c, i) =>
    c.query("SELECT payload FROM bench_bare WHERE id = $1", [1 + (i % 1000)]),
  );
  await Promise.all(clients.map((c) => c.end()));
  return { insert, point };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

export async function httpLoadFigures(
  log: (s: string) => void,
  o: { seconds: number; profile: boolean },
): Promise<{ figures: Figure[]; errors: number }> {
  const dir = await mkdtemp(join(tmpdir(), "motcua-http-"));
  await chmod(dir, 0o755);
  const pgServer = await startEmbeddedServer(join(dir, "pg"), 3931);
  try {
    const bare = await barePostgres(pgServer.url, o.seconds);
    const hello = (
      await withBareFastify(3933, (url) =>
        hammer("bare Fastify", { url, seconds: o.seconds, connections: CONNECTIONS }, { path: "/" }),
      )
    ).result;
    // motcua on the same PostgreSQL: a small demo year; the desk's receptions fill its queue.
    const served = await withMotcua(
      {
        port: 3934,
        dataDir: join(dir, "app"),
        databaseUrl: pgServer.url,
        env: { MOTCUA_DEMO: "true", MOTCUA_DEMO_DOSSIERS: "300" },
      },
      (url) =>
        loadMotcua({
          url,
          profile: "peak",
          seconds: o.seconds,
          connections: CONNECTIONS,
          username: "desk",
          password: "demo",
          pacedRate: PACED_RATE,
        }),
    );
    const run = served.result;
    const [reception, lookup, inbox] = run.endpoints as [typeof hello, typeof hello, typeof hello];
    const [lookupPaced, inboxPaced] = run.paced as [typeof hello, typeof hello];
    // Each line of the table and its figure in bench/results.json, from one list.
    const tail = (name: string, value: number, baseline: number, goal: string, limit: number) => ({
      name,
      value,
      unit: "ms",
      goal,
      baseline,
      met: value < limit,
      lowerIsBetter: true,
    });
    const lines: { what: string; bare: string; goal: string; f: Parameters<typeof record>[0] }[] = [
      {
        what: "receptions (`POST /dossiers`)",
        bare: `INSERT ${fmt(bare.insert)}/s`,
        goal: "≥ 1,000/s and ≥ 0.25:",
        f: {
          name: "reception over HTTP",
          value: Math.round(reception.requestsPerSec),
          unit: "1/s",
          goal: ">= 1,000/s; >= 25% of bare insert",
          baseline: Math.round(bare.insert),
          met: reception.requestsPerSec >= 1000 && reception.requestsPerSec >= 0.25 * bare.insert,
        },
      },
      {
        what: "lookups by code (`GET /dossiers/{code}`)",
        bare: `Fastify ${fmt(hello.requestsPerSec)}/s`,
        goal: "≥ 0.40:",
        f: {
          name: "lookup by code over HTTP",
          value: Math.round(lookup.requestsPerSec),
          unit: "1/s",
          goal: ">= 40% of bare Fastify",
          baseline: Math.round(hello.requestsPerSec),
          met: lookup.requestsPerSec >= 0.4 * hello.requestsPerSec,
        },
      },
      {
        what: `lookup p99, flat out (p50 ${lookup.p50} ms)`,
        bare: `${hello.p99} ms`,
        goal: "< 10 ms:",
        f: tail("lookup by code p99", lookup.p99, hello.p99, "< 10 ms", 10),
      },
      {
        what: `lookup p99 at ${PACED_RATE}/s (p50 ${lookupPaced.p50} ms)`,
        bare: `${hello.p99} ms`,
        goal: "< 10 ms:",
        f: tail(`lookup by code p99 at ${PACED_RATE}/s`, lookupPaced.p99, hello.p99, "< 10 ms", 10),
      },
      {
        what: "inbox first page (`GET /inbox`)",
        bare: `point SELECT ${fmt(bare.point)}/s`,
        goal: "",
        f: {
          name: "inbox first page over HTTP",
          value: Math.round(inbox.requestsPerSec),
          unit: "1/s",
          goal: "",
          baseline: Math.round(bare.point),
          met: null,
        },
      },
      {
        what: `inbox p99, flat out (p95 ${inbox.p95} ms)`,
        bare: `${hello.p99} ms`,
        goal: "p95 < 20 ms:",
        // The goal is on the p95; the p99 is the figure kept.
        f: { ...tail("inbox first page p99", inbox.p99, hello.p99, "p95 < 20 ms", 20), met: inbox.p95 < 20 },
      },
      {
        what: `inbox p95 at ${PACED_RATE}/s (p99 ${inboxPaced.p99} ms)`,
        bare: `${hello.p95} ms`,
        goal: "p95 < 20 ms:",
        f: tail(`inbox first page p95 at ${PACED_RATE}/s`, inboxPaced.p95, hello.p95, "p95 < 20 ms", 20),
      },
    ];
    const figures = lines.map((l) => record(l.f));
    if (served.peakRssMb !== null) {
      figures.push(
        record({
          name: "peak RSS of motcua serve under load",
          value: served.peakRssMb,
          unit: "MB",
          goal: "",
          baseline: null,
          met: null,
        }),
      );
    }
    const errors = [...run.endpoints, ...run.paced].reduce((n, e) => n + e.errors + e.non2xx, 0);
    const need = run.need;
    log("## Over HTTP under load");
    log("");
    log(
      `\`motcua serve\` in demo mode (300 synthetic dossiers, workers and stand-ins in the process) on an embedded PostgreSQL over its Unix socket; autocannon from the same machine, ${CONNECTIONS} connections flat out for ${o.seconds} s per endpoint, then lookups and inbox pages paced at ${PACED_RATE}/s from 4 connections (latency counted from when each request was due). The bare stack in the same run: Fastify hello-world in its own process, same autocannon settings; PostgreSQL single-row INSERT and point SELECT from ${CONNECTIONS} clients. Errors and non-2xx answers: ${errors}.`,
    );
    log("");
    log("| figure | motcua | bare | ratio | goal |");
    log("|---|---:|---:|---:|---|");
    const verdict = (met: boolean | null) => (met === null ? "" : met ? "met" : "**not met**");
    lines.forEach((l, i) => {
      const f = figures[i] as Figure;
      const value = f.unit === "ms" ? `${f.value} ms` : `${fmt(f.value)}/s`;
      log(
        `| ${l.what} | ${value} | ${l.bare} | ${f.ratio?.toFixed(3) ?? ""} | ${l.goal} ${verdict(f.met)} |`,
      );
    });
    log("");
    log(
      `Peak RSS of the \`motcua serve\` process over the whole run (start, demo year, load): ${served.peakRssMb ?? "not readable"} MB. What a merged province needs at its busiest hour (the workload model, SCALING.md): ${need.receptionsPerSec.toFixed(2)} receptions/s, ${need.lookupsPerSec.toFixed(1)} lookups/s, ${need.inboxPerSec.toFixed(1)} inbox pages/s.`,
    );
    log("");
    if (o.profile) await profileLookups(log, dir, pgServer.url, o.seconds, lookup.requestsPerSec);
    return { figures, errors };
  } finally {
    await pgServer.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Lookups alone against a server under `node --cpu-prof`, workers off: where a lookup's CPU goes. */
async function profileLookups(
  log: (s: string) => void,
  dir: string,
  dbUrl: string,
  seconds: number,
  flatOut: number,
) {
  const profDir = join(dir, "prof");
  let window: [bigint, bigint] = [0n, 0n];
  const served = await withMotcua(
    {
      port: 3944,
      dataDir: join(dir, "app-prof"),
      databaseUrl: dbUrl,
      env: {
        MOTCUA_DEMO: "true",
        MOTCUA_WORKERS: "off",
      },
      nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`],
    },
    async (url) => {
      const auth = await signIn(url, "desk");
      const queue = (await (await fetch(`${url}/api/v1/inbox?limit=100`, { headers: auth })).json()) as {
        items: { code: string }[];
      };
      let i = 0;
      const from = process.hrtime.bigint();
      const r = await hammer(
        "lookup",
        { url, seconds, connections: CONNECTIONS },
        {
          path: () => `/api/v1/dossiers/${queue.items[i++ % queue.items.length]?.code}`,
          headers: auth,
        },
      );
      window = [from, process.hrtime.bigint()];
      return r;
    },
  );
  const n = served.result.requestsPerSec * seconds;
  const parts = cpuBreakdown(profDir, ...window);
  const busy = parts.filter((p) => !p.bucket.startsWith("idle")).reduce((s, p) => s + p.ms, 0);
  log(`### Where a lookup's time goes`);
  log("");
  log(
    `The same lookups against a second \`motcua serve\` under \`node --cpu-prof\`, workers off: ${fmt(served.result.requestsPerSec)}/s (${fmt(flatOut)}/s without the profiler, with workers). Main-thread time per lookup, by where it was spent (self time of the sampled frames):`,
  );
  log("");
  log("| where | ms per lookup | share |");
  log("|---|---:|---:|");
  const total = parts.reduce((s, p) => s + p.ms, 0);
  for (const p of parts)
    log(`| ${p.bucket} | ${(p.ms / n).toFixed(3)} | ${((100 * p.ms) / total).toFixed(0)}% |`);
  log("");
  log(
    `The main thread was busy ${((100 * busy) / total).toFixed(0)}% of the window: one core is saturated while PostgreSQL and autocannon share the other.`,
  );
  log("");
}
