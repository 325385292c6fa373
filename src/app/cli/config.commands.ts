import type { Command } from "commander";
import { type ConfigSummary, checkConfig } from "../bootstrap/config-check.ts";
import { print } from "./output.ts";

const SOURCE_VI = {
  env: "Biến môi trường",
  deployment: "Tệp triển khai",
  signing: "Chữ ký số",
  production: "Khởi động sản xuất",
};

const onOff = (b: boolean) => (b ? "bật" : "tắt");

function summaryVi(s: ConfigSummary): string {
  return [
    "Cấu hình hợp lệ.",
    `  Cơ sở dữ liệu: ${s.database === "external" ? `PostgreSQL ngoài (DATABASE_URL)${s.ownerRole === "separate" ? ", migration bằng MIGRATION_DATABASE_URL" : ""}` : "PostgreSQL nhúng (chỉ dùng thử, không cho sản xuất)"}`,
    `  Chế độ: ${s.mode === "production" ? "sản xuất (NODE_ENV=production)" : "phát triển"}; demo ${onOff(s.demo)}; hệ thống giả lập ${onOff(s.standins)}`,
    `  Tỉnh: ${s.deployment}`,
    `  Ký số: thư mục ${s.signing.pkiDir}; signers.json ${s.signing.signersFile ? "có" : "không có"}; con dấu ${onOff(s.signing.seal)}`,
    `  Dấu thời gian (TSA): ${s.tsa === null ? "không (chữ ký B-B)" : s.tsa === "stand-in" ? "hệ thống giả lập" : s.tsa}`,
    `  Migration khi khởi động: ${onOff(s.migrateOnStart)}`,
  ].join("\n");
}

export function registerConfigCommands(program: Command): void {
  const config = program.command("config").description("The environment and the deployment file");
  config
    .command("check")
    .description("Validate the environment and the deployment file; exit 1 with every problem, in Vietnamese")
    .option("--json", "machine-readable output", false)
    .action((o) => {
      const r = checkConfig(process.env);
      print(o.json, r, () =>
        r.ok
          ? summaryVi(r.summary)
          : [
              `Cấu hình có ${r.problems.length} lỗi:`,
              ...r.problems.map((p) => `  ${SOURCE_VI[p.source]} ${p.key}: ${p.message}`),
            ].join("\n"),
      );
      // Exit 1 once the report is flushed (a later exit hook would make it 0).
      if (!r.ok) process.stdout.write("", () => process.exit(1));
    });
}
