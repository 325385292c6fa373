// npm run bench:quick — the reduced set, in under two minutes: motcua's figures over real HTTP and
// PostgreSQL beside the bare stack measured in the same run, as ratios. Writes bench/results.json
// (upserting its figures); with --check, fails when a throughput ratio fell to under half of the
// committed bench/baseline.quick.json (absolute times vary between machines; ratios much less).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../src/kernel/config/paths.ts";
import { dueDateFigure } from "./due.ts";
import { httpLoadFigures } from "./http-load.ts";
import { machine } from "./record.ts";
import { type Figure, regressions, upsertResults } from "./workload/results.store.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const OUT = join(repoRoot, "bench/results.json");
const BASELINE = join(repoRoot, "bench/baseline.quick.json");

async function main() {
  const due = dueDateFigure(1_000_000);
  const lines: string[] = [];
  const http = await httpLoadFigures((s) => lines.push(s), { seconds: SECONDS, profile: false });
  const figures: Figure[] = [due, ...http.figures];
  upsertResults(OUT, { date: new Date().toISOString(), machine: machine(), seconds: SECONDS }, figures);
  process.stdout.write(`${lines.join("\n")}\n`);
  process.stdout.write(`| figure | value | unit | bare | ratio | goal |\n|---|---:|---|---:|---:|---|\n`);
  for (const f of figures) {
    process.stdout.write(
      `| ${f.name} | ${f.value} | ${f.unit} | ${f.baseline ?? ""} | ${f.ratio ?? ""} | ${f.goal} ${f.met === null ? "" : f.met ? "(met)" : "(not met)"} |\n`,
    );
  }
  process.stdout.write(`\nwritten to ${OUT}\n`);
  if (http.errors > 0) throw new Error(`${http.errors} errors or non-2xx answers under load`);
  if (process.argv.includes("--check") && existsSync(BASELINE)) {
    const base = JSON.parse(readFileSync(BASELINE, "utf8")) as { figures: Figure[] };
    const worse = regressions(figures, base.figures);
    if (worse.length) throw new Error(`ratios regressed by more than half:\n${worse.join("\n")}`);
    process.stdout.write("no ratio regressed by more than half against bench/baseline.quick.json\n");
  }
}

await main();
