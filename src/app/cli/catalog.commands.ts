import { writeFile } from "node:fs/promises";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { importCatalog } from "../../reference/catalog/catalog.import.ts";
import { catalogReportMarkdown } from "../../reference/catalog/catalog.report.ts";
import { getProcedure, searchProcedures } from "../../reference/catalog/catalog.service.ts";
import { openDatabase } from "../bootstrap/database.ts";
import { recordImport } from "../bootstrap/reference-data.ts";
import { loadConfig, loadDeployment } from "../settings.ts";
import { fail, print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

const CHANNEL_VI = { online: "Trực tuyến", post: "Bưu chính", "in-person": "Trực tiếp" } as const;

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command("catalog").description("The national procedure catalogue (danh mục TTHC)");

  catalog
    .command("import")
    .description("Parse the bundled crawl of all 2,642 procedures and replace the catalogue")
    .option("--report <file>", "write the parse report (Markdown) here")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const database = await openDatabase(loadConfig());
      const bar = new SingleBar({
        format: "catalogue {bar} {value}/{total}",
        stream: process.stderr,
        noTTYOutput: false,
      });
      if (!o.json && process.stderr.isTTY) bar.start(2642, 0);
      try {
        const outcome = await importCatalog(database.db, (done) => bar.update(done));
        bar.stop();
        await recordImport(
          database.db,
          loadDeployment(loadConfig().MOTCUA_DEPLOYMENT),
          "catalog",
          outcome.stats,
        );
        if (o.report) await writeFile(o.report, catalogReportMarkdown(outcome));
        const s = outcome.stats;
        print(o.json, s, () =>
          [
            `Đã nhập ${s.imported}/${s.records} thủ tục; đọc đầy đủ ${s.fullyParsed} (${((100 * s.fullyParsed) / s.records).toFixed(2)}%).`,
            `Lỗi: ${s.errors}, cảnh báo: ${s.warnings}.${o.report ? ` Báo cáo: ${o.report}` : ""}`,
          ].join("\n"),
        );
      } finally {
        await database.close();
      }
    });

  catalog
    .command("show <code>")
    .description("One procedure, e.g. 1.001193")
    .option("--json", "machine-readable output", false)
    .action(async (code: string, o) => {
      const r = await withRuntime(o.json, (rt) => getProcedure(rt.db, code));
      if (!r.ok) fail(o.json, r.error);
      const p = r.value;
      print(o.json, p, () =>
        [
          `${p.code} — ${p.name}`,
          `Lĩnh vực: ${p.field} · Cấp: ${p.levels.join(", ")}`,
          ...p.channels.map(
            (c) =>
              `  ${CHANNEL_VI[c.channel]}: ${c.timeText || "—"} · ${c.fee.kind === "amount" ? `${c.fee.amount} ${c.fee.currency}` : c.fee.text}`,
          ),
          `Thành phần hồ sơ: ${p.components.length} · Kết quả: ${p.results.map((x) => `${x.name} (${x.code})`).join("; ")}`,
        ].join("\n"),
      );
    });

  catalog
    .command("search <text...>")
    .description("Search by name or code, diacritics optional: motcua catalog search ket hon")
    .option("--limit <n>", "how many", "10")
    .option("--json", "machine-readable output", false)
    .action(async (words: string[], o) => {
      const items = await withRuntime(o.json, (rt) =>
        searchProcedures(rt.db, words.join(" "), { limit: Number(o.limit) }),
      );
      print(
        o.json,
        { items },
        () =>
          items.map((p) => `${p.code}  ${p.name}  [${p.field}]`).join("\n") || "Không tìm thấy thủ tục nào.",
      );
    });
}
