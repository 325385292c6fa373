import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { loadIndicatorSet } from "../../oversight/kpi/indicators.loader.ts";
import { checkPeriod, periodFields } from "../../oversight/kpi/kpi.schemas.ts";
import { rebuildKpi, verifyKpi } from "../../oversight/kpi/recompute.service.ts";
import { buildReport } from "../../oversight/kpi/report.service.ts";
import { print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

export function registerKpiCommands(program: Command): void {
  program
    .command("report")
    .description(
      "The periodic reform report (báo cáo CCHC): indicators, rates by unit, overdue, unused procedures",
    )
    .requiredOption("--from <date>", "first day, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day, YYYY-MM-DD")
    .option("--format <xlsx|pdf>", "file format", "xlsx")
    .option("--by <agency|commune>", "rates by agency or by commune", "agency")
    .option("--out <file>", "where to write it (default: the report's own name)")
    .action(async (o) => {
      const q = z
        .object({ ...periodFields, format: z.enum(["xlsx", "pdf"]), by: z.enum(["agency", "commune"]) })
        .superRefine(checkPeriod)
        .safeParse(o);
      if (!q.success) {
        process.stderr.write(
          `Lỗi: ${q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\n`,
        );
        process.exit(1);
      }
      const r = await withRuntime(false, (rt) =>
        buildReport(rt.db, loadIndicatorSet(), rt.deployment.provinceCode, q.data, new Date()),
      );
      const out = o.out ?? r.fileName;
      writeFileSync(out, r.bytes);
      process.stdout.write(`Đã ghi báo cáo ${out} (${Math.round(r.bytes.length / 1024)} KB).\n`);
    });

  const kpi = program.command("kpi").description("Reform indicators (chỉ số cải cách hành chính, QĐ 766)");
  kpi
    .command("verify")
    .description(
      "Recompute every indicator aggregate from the dossiers and their journals; fail on any difference",
    )
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const r = await withRuntime(o.json, (rt) => verifyKpi(rt.db));
      print(o.json, r, () =>
        [
          r.ok
            ? `Khớp: ${r.dossiers} hồ sơ, ${r.cells} ô tổng hợp, kiểm tra trong ${(r.ms / 1000).toFixed(1)} giây.`
            : `KHÔNG KHỚP (${r.dossiers} hồ sơ, ${r.cells} ô tổng hợp):`,
          ...r.journal.map((j) => `  nhật ký ≠ hồ sơ ${j.code}: ${j.problem}`),
          ...r.facts.map((f) =>
            "dossierId" in f
              ? `  dữ kiện chưa cập nhật: hồ sơ #${f.dossierId}`
              : `  dữ kiện chưa cập nhật: PAKN #${f.feedbackId}`,
          ),
          ...r.cellsDiffer.map((c) => `  ô ${c.key} ${c.measure}: lưu ${c.stored}, tính lại ${c.expected}`),
          ...r.rollups.map((x) => `  bảng ${x.grain} ${x.agency} ${x.period} ≠ tổng theo ngày`),
        ].join("\n"),
      );
      // Exit 1 once the report is flushed (a pipe to CI is written asynchronously).
      if (!r.ok) process.stdout.write("", () => process.exit(1));
    });
  kpi
    .command("rebuild")
    .description("Recompute the aggregates from the dossiers (after a change of the honest-online rule)")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const r = await withRuntime(o.json, (rt) => rebuildKpi(rt.db));
      print(
        o.json,
        r,
        () =>
          `Đã tính lại ${r.dossiers} hồ sơ thành ${r.cells} ô tổng hợp trong ${(r.ms / 1000).toFixed(1)} giây.`,
      );
    });
}
