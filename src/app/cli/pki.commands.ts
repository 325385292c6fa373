import { join } from "node:path";
import type { Command } from "commander";
import { PkiFolder } from "../../casework/documents/pki.store.ts";
import { checkSigners, readSignersFile } from "../../casework/documents/signers-file.store.ts";
import { isDemo } from "../../tools/demo/demo.settings.ts";
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
  pki
    .command("signers")
    .description("Reach every signer signers.json names (token, remote signing) and show its certificate")
    .option("--json", "machine-readable output", false)
    .action(async (o: { json: boolean }) => {
      const config = loadConfig();
      const dir = config.MOTCUA_PKI_DIR ?? join(config.MOTCUA_DATA_DIR, "pki");
      let file: ReturnType<typeof readSignersFile>;
      try {
        file = readSignersFile(dir);
      } catch (e) {
        process.stderr.write(`Lỗi [SIGNERS_INVALID]: ${(e as Error).message}\n`);
        process.stderr.write("", () => process.exit(1));
        return;
      }
      const trust = new PkiFolder(dir, isDemo(config), null, {
        ...(config.MOTCUA_TRUST_LIST ? { trustList: config.MOTCUA_TRUST_LIST } : {}),
      }).trustList();
      const checks = file ? await checkSigners(file, dir, process.env, trust) : [];
      print(o.json, { dir, configured: Boolean(file), signers: checks }, () =>
        file
          ? checks
              .map((c) =>
                c.ok
                  ? `✓ ${c.who} (${c.kind}): ${c.subject?.replaceAll("\n", ", ")}; chuỗi chứng thực: ${c.chain}; hết hạn ${c.validTo}${c.note ? ` (${c.note})` : ""}`
                  : `✗ ${c.who} (${c.kind}): ${c.problem}`,
              )
              .join("\n") || "signers.json không khai báo người ký nào."
          : `Chưa có ${join(dir, "signers.json")}: kết quả được ký bằng agencies/<mã>.p12 (chỉ dùng thử nghiệm).`,
      );
      // As audit verify does: the exit waits for the output, and a signer that cannot sign is 1.
      if (checks.some((c) => !c.ok)) process.stdout.write("", () => process.exit(1));
    });
}
