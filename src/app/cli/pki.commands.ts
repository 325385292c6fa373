import { join } from "node:path";
import type { Command } from "commander";
import { PkiFolder } from "../../casework/documents/pki.store.ts";
import { loadConfig, loadDeployment } from "../settings.ts";
import { print } from "./output.ts";

export function registerPkiCommands(program: Command) {
  const pki = program.command("pki").description("Signing certificates for electronic results (chữ ký số)");
  pki
    .command("demo")
    .description(
      "Create a demo CA and a certificate for every agency: NOT FOR PRODUCTION (marked so in each name)",
    )
    .option("--json", "machine-readable output", false)
    .action((o: { json: boolean }) => {
      const config = loadConfig();
      const dir = config.MOTCUA_PKI_DIR ?? join(config.MOTCUA_DATA_DIR, "pki");
      const folder = new PkiFolder(dir, true);
      folder.ensureDemoCa();
      const agencies = loadDeployment(config.MOTCUA_DEPLOYMENT).agencies;
      for (const a of agencies) folder.credentialFor(a);
      print(o.json, { dir, agencies: agencies.length }, () =>
        [
          `Đã tạo CA thử nghiệm và chứng thư cho ${agencies.length} cơ quan cấp tỉnh tại ${dir}.`,
          "Chứng thư của UBND, Bộ phận Một cửa cấp xã được tạo khi cần (chế độ demo).",
          "KHÔNG dùng cho sản xuất: hãy đặt chứng thư thật vào agencies/<mã>.p12 và CA tin cậy vào trusted/.",
        ].join("\n"),
      );
    });
}
