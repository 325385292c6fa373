import type { Command } from "commander";
import { generateDemoHistory } from "../../tools/demo/demo-history.service.ts";
import { print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

export function registerDemoCommands(program: Command): void {
  const demo = program
    .command("demo")
    .description("Synthetic demo data (labelled synthetic; never real people)");
  demo
    .command("generate")
    .description("Replace the synthetic dossiers with a new seeded year ending now")
    .option("--dossiers <n>", "how many", "50000")
    .option("--seed <s>", "seed; the same seed gives the same history", "20251001")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const r = await withRuntime(o.json, async (rt) =>
        generateDemoHistory(rt.db, rt.deployment, await rt.calendar(), {
          dossiers: Number(o.dossiers),
          seed: Number(o.seed),
          until: new Date(),
          onProgress: (n) => !o.json && process.stderr.write(`… ${n}\n`),
        }),
      );
      print(
        o.json,
        r,
        () =>
          `Đã tạo ${r.dossiers} hồ sơ mẫu (tổng hợp) với ${r.actions} bước xử lý trong ${(r.ms / 1000).toFixed(1)} giây.`,
      );
    });
}
