// npm run bench: measures the foundation's figures and writes BENCHMARKS.md.
// Each motcua figure stands beside a bare-stack baseline measured in the same run.
import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../src/kernel/config/paths.ts";
import { startEmbeddedServer } from "../src/kernel/db/embedded-server.ts";
import { documentFigures } from "./documents.ts";
import { dossierFigures } from "./dossiers.ts";
import { dueDateFigure } from "./due.ts";
import { httpLoadFigures } from "./http-load.ts";
import { kpiFigures } from "./kpi.ts";
import { machine, percentiles, record, recordedFigures } from "./record.ts";
import { withBareFastify, withMotcua } from "./serve.ts";
import { syncFigures } from "./sync.ts";
import { upsertResults } from "./workload/results.store.ts";

const rows: string[] = [];
const log = (s: string) => {
  process.stdout.write(`${s}\n`);
  rows.push(s);
};

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
  const p = percentiles(times);
  return { p50: p.p50, p99: p.p99 };
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

const commit = () => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot }).toString().trim();
  } catch {
    return "unknown";
  }
};

const has = (flag: string) => process.argv.includes(flag);

async function main() {
  // `npm run bench -- --only-kpi`: the indicators' figures alone, printed, BENCHMARKS.md untouched.
  if (has("--only-kpi")) return kpiFigures((s) => process.stdout.write(`${s}\n`));
  const date = new Date().toISOString();
  log("# Benchmarks");
  log("");
  log(
    "Written by `npm run bench` (bench/run.ts), with every figure also in `bench/results.json` (name, value, unit, goal, bare baseline, ratio, met). Figures are from one run on the machine below; rerun to refresh. Synthetic data throughout, labelled synthetic.",
  );
  log("");
  log(`- Date: ${date}, commit ${commit()}`);
  log(`- Machine: ${machine()}`);
  log(
    `- Sizes: inbox at ${Number(process.env.BENCH_INBOX_DOSSIERS ?? 1_000_000).toLocaleString("en")} dossiers, indicators rebuilt at ${Number(process.env.BENCH_KPI_DOSSIERS ?? 1_000_000).toLocaleString("en")} and modelled at ${Number(process.env.BENCH_KPI_MODEL_DOSSIERS ?? 10_000_000).toLocaleString("en")}`,
  );
  log("");
  log("To reproduce (each part writes its own figures; the whole run takes about an hour at 10 M):");
  log("");
  log("```sh");
  log("npm run bench                                   # everything, sizes below by default");
  log("BENCH_INBOX_DOSSIERS=10000000 BENCH_KPI_DOSSIERS=100000 npm run bench   # this run's sizes");
  log("npm run bench:quick                             # the reduced set CI runs (about 1 minute)");
  log("npm run bench -- --only-kpi                     # the indicators alone, printed");
  log("npm run bench:load -- --profile peak --url http://127.0.0.1:3000 # against a running motcua");
  log("npm run bench:data -- --dossiers 10000000        # a synthetic history to read");
  log("```");
  log("");
  const due = dueDateFigure();
  log("## Due-date computations (one core, one thread)");
  log("");
  log("| what | per second | ratio |");
  log("|---|---:|---:|");
  log(
    `| motcua computeDue (working hours, holidays, sessions) | ${due.value.toLocaleString("en")} | ${due.ratio?.toFixed(2)} of bare |`,
  );
  log(`| bare: add wall-clock minutes to a Date | ${due.baseline?.toLocaleString("en")} | 1.00 |`);
  log("");
  log(`Goal ≥1,000,000/s on one core: ${due.met ? "met" : "NOT met"}.`);
  log("");

  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-"));
  await chmod(dir, 0o755);
  try {
    const dataDir = join(dir, "app");
    const cold = (
      await withMotcua(
        { port: 3905, dataDir: join(dir, "no-demo"), env: { MOTCUA_DEMO: "false" } },
        async () => null,
      )
    ).startMs;
    const coldDemo = await withMotcua({ port: 3901, dataDir }, async () => null);
    const searchUrls = (url: string) =>
      SEARCHES.map((q) => `${url}/api/v1/procedures?q=${encodeURIComponent(q)}&limit=20`);
    const warmRun = await withMotcua({ port: 3901, dataDir }, (url) => latency(searchUrls(url), 30));
    const warm = warmRun.startMs;
    const bareRun = await withBareFastify(3903, (url) => latency([`${url}/`], 300));
    const fastify = bareRun.startMs;
    const pgStart = await barePostgresStart(dir, 3908);
    record({
      name: "warm start to serving",
      value: warm,
      unit: "ms",
      goal: "< 10,000 ms",
      baseline: pgStart.warm + fastify,
      met: warm < 10_000,
      lowerIsBetter: true,
    });
    record({
      name: "cold start in demo mode (npm start on a fresh clone)",
      value: coldDemo.startMs,
      unit: "ms",
      goal: "",
      baseline: pgStart.cold + fastify,
      met: null,
      lowerIsBetter: true,
    });
    log("## Start to serving (`npm start` → first healthy answer)");
    log("");
    log("| what | ms | ratio |");
    log("|---|---:|---:|");
    log(
      `| motcua cold: initdb, migrate, import units, calendar, catalogue, agencies | ${cold} | ${(cold / (pgStart.cold + fastify)).toFixed(1)}× bare cold |`,
    );
    log(
      `| motcua cold in demo mode (npm start on a fresh clone): the above plus demo accounts and a synthetic year of 50,000 dossiers | ${coldDemo.startMs} | ${(coldDemo.startMs / (pgStart.cold + fastify)).toFixed(1)}× bare cold |`,
    );
    log(
      `| motcua warm: data folder exists, nothing to import | ${warm} | ${(warm / (pgStart.warm + fastify)).toFixed(1)}× bare warm |`,
    );
    log(`| bare: embedded PostgreSQL initdb + start | ${pgStart.cold} | |`);
    log(`| bare: embedded PostgreSQL start (existing folder) | ${pgStart.warm} | |`);
    log(`| bare: Fastify hello-world process to first answer | ${fastify} | |`);
    log("");
    log(
      `Goal warm start <10 s: ${warm < 10_000 ? "met" : "NOT met"}. The bare sums are PostgreSQL + Fastify. Peak RSS of the demo-mode cold start (generating the synthetic year): ${coldDemo.peakRssMb ?? "not readable"} MB.`,
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
  await httpLoadFigures(log, { seconds: 8, profile: true });
  if (!has("--skip-dossiers")) await dossierFigures(log);
  if (!has("--skip-sync")) await syncFigures(log);
  if (!has("--skip-documents")) await documentFigures(log);
  if (!has("--skip-kpi")) await kpiFigures(log);
  const analysis = await readFile(join(repoRoot, "bench/analysis.md"), "utf8");
  await writeFile(join(repoRoot, "BENCHMARKS.md"), `${rows.join("\n")}\n\n${analysis}`);
  upsertResults(join(repoRoot, "bench/results.json"), { date, commit: commit(), machine: machine() }, [
    ...recordedFigures(),
  ]);
  process.stdout.write("\nwritten to BENCHMARKS.md and bench/results.json\n");
}

await main();
