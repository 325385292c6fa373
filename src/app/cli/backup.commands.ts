import { join } from "node:path";
import type { Command } from "commander";
import { backup, restore } from "../../tools/backup/backup.service.ts";
import { loadConfig } from "../settings.ts";
import { fail, print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

/** The local file store, or null when files live in S3 (which keeps its own versions). */
const filesDirOf = () => {
  const c = loadConfig();
  return c.MOTCUA_S3_ENDPOINT ? null : (c.MOTCUA_FILES_DIR ?? join(c.MOTCUA_DATA_DIR, "files"));
};

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Back up the database (one consistent snapshot) and the file store, with SHA-256 checksums")
    .requiredOption("--out <dir>", "a new folder for the backup")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const m = await withRuntime(o.json, (rt) => backup(rt.database.url, filesDirOf(), o.out));
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      print(
        o.json,
        m,
        () => `Đã sao lưu ${m.tables.length} bảng (${rows} dòng) và ${m.files.length} tệp vào ${o.out}.`,
      );
    });
  program
    .command("restore")
    .description("Restore a backup into this database (same migrations); every checksum is checked first")
    .requiredOption("--from <dir>", "the backup folder")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const r = await withRuntime(o.json, (rt) => restore(rt.database.ownerUrl, filesDirOf(), o.from));
      if (!r.ok) fail(o.json, r.error);
      print(
        o.json,
        r.value,
        () => `Đã khôi phục ${r.value.tables.length} bảng và ${r.value.files.length} tệp từ ${o.from}.`,
      );
    });
}
