import { join } from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { print } from "../src/app/cli/output.ts";
import { withRuntime } from "../src/app/cli/with-runtime.ts";
import { repoRoot } from "../src/kernel/config/paths.ts";
import { rebuildKpi } from "../src/oversight/kpi/recompute.service.ts";
import { figure, machineDescription, upsertResults } from "./workload/results.store.ts";

const loadOptions = z.object({
  url: z.url(),
  profile: z.enum(["province", "peak", "national-shard"]),
  seconds: z.coerce.number().int().min(1).max(600),
  connections: z.coerce.number().int().min(1).max(1000),
  username: z.string().min(1),
  password: z.string().min(1),
  json: z.boolean(),
  out: z.string(),
});

// `npm run bench:load` and `npm run bench:data`: load against a running motcua, and a history to read.
// A development tool: it lives outside src/, so a production install never loads autocannon.
const bench = new Command("motcua-bench")
  .description("Benchmarks: load a running motcua, or load a history")
  .showHelpAfterError();
bench
  .command("load")
  .description("Drive a running motcua's HTTP API (autocannon): receptions, lookups by code, inbox pages")
  .option("--url <url>", "the motcua to load", "http://127.0.0.1:3000")
  .option(
    "--profile <province|peak|national-shard>",
    "what the province needs, to set the headroom against",
    "peak",
  )
  .option("--seconds <n>", "seconds per endpoint", "10")
  .option("--connections <n>", "concurrent connections", "16")
  .option("--username <name>", "a desk officer", "desk")
  .option("--password <password>", "its password", "demo")
  .option("--out <file>", "results file", join(repoRoot, "bench/results.json"))
  .option("--json", "machine-readable output", false)
  .action(async (raw) => {
    const o = loadOptions.safeParse(raw);
    if (!o.success) {
      process.stderr.write(
        `Lỗi: ${o.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\n`,
      );
      process.exit(1);
    }
    const { loadMotcua } = await import("./workload/load.client.ts");
    const r = await loadMotcua(o.data);
    // What the profile needs of each flat-out endpoint, in their order: reception, lookup, inbox.
    const needs = [r.need.receptionsPerSec, r.need.lookupsPerSec, r.need.inboxPerSec];
    const figures = r.endpoints.map((e, i) => {
      const needed = needs[i] ?? 0;
      return figure({
        name: `load ${o.data.profile}: ${e.name}`,
        value: Math.round(e.requestsPerSec),
        unit: "1/s",
        goal: `>= ${needed.toFixed(2)}/s (the profile's need)`,
        baseline: Number(needed.toFixed(4)),
        met: e.requestsPerSec >= needed && e.errors + e.non2xx === 0,
      });
    });
    const row = (e: (typeof r.endpoints)[number], headroom: string) =>
      `| ${e.name} | ${e.requestsPerSec.toFixed(0)} | ${e.p50} | ${e.p95} | ${e.p99} | ${e.errors} | ${e.non2xx} | ${headroom} |`;
    upsertResults(
      o.data.out,
      {
        date: new Date().toISOString(),
        machine: machineDescription(),
      },
      figures,
    );
    print(o.data.json, r, () =>
      [
        `Profile ${o.data.profile} (${r.need.workload}): needs ${r.need.receptionsPerSec.toFixed(2)} receptions/s, ${r.need.lookupsPerSec.toFixed(2)} lookups/s, ${r.need.inboxPerSec.toFixed(2)} inbox pages/s at its hour`,
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | headroom |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        ...r.endpoints.map((e, i) => row(e, `${(e.requestsPerSec / (needs[i] || 1)).toFixed(0)}×`)),
        ...r.paced.map((e) => row(e, "")),
      ].join("\n"),
    );
  });
bench
  .command("data")
  .description(
    "Bulk-load a synthetic history (labelled synthetic) for read benchmarks, then recount the indicators",
  )
  .requiredOption("--dossiers <n>", "how many dossiers")
  .option("--no-kpi", "skip recounting the indicators")
  .action(async (o: { dossiers: string; kpi: boolean }) => {
    const n = z.coerce.number().int().min(1).max(100_000_000).parse(o.dossiers);
    const { loadDossiers } = await import("./kpi.ts");
    await withRuntime(false, async (rt) => {
      const t0 = Date.now();
      await loadDossiers(rt.db, n);
      process.stdout.write(
        `Đã nạp ${n.toLocaleString("vi")} hồ sơ giả lập trong ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`,
      );
      if (o.kpi) {
        const t1 = Date.now();
        await rebuildKpi(rt.db);
        process.stdout.write(`Đã tính lại chỉ số trong ${((Date.now() - t1) / 1000).toFixed(1)} s.\n`);
      }
    });
  });

await bench.parseAsync();
