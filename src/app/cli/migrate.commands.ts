import type { Command } from "commander";
import { createDb } from "../../kernel/db/database.ts";
import { type MigrationStatus, migrationStatus } from "../../kernel/db/migrate.ts";
import { openDatabase, ownerServer } from "../bootstrap/database.ts";
import { loadConfig } from "../settings.ts";
import { print } from "./output.ts";

/** Reads the version table as the owner (DATABASE_URL, MIGRATION_DATABASE_URL or the embedded server). */
async function readStatus(ownerUrl: string): Promise<MigrationStatus> {
  const owner = createDb(ownerUrl, 1);
  try {
    return await migrationStatus(owner as never);
  } finally {
    await owner.destroy();
  }
}

const versionLine = (s: MigrationStatus) =>
  `Phiên bản lược đồ: ${s.version ?? "(trống)"} — ${s.applied.length}/${s.applied.length + s.pending.length} migration đã chạy.`;

export function registerMigrateCommands(program: Command): void {
  const migrate = program
    .command("migrate")
    .description("The database schema: which migrations ran (kysely_migration), and running the rest");
  migrate
    .command("status")
    .description("Applied and pending migrations, and the schema version")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const { server, ownerUrl } = await ownerServer(loadConfig());
      const s = await readStatus(ownerUrl).finally(() => server?.stop());
      print(o.json, s, () =>
        [
          versionLine(s),
          ...s.applied.map((m) => `  đã chạy   ${m.name}  (${m.at})`),
          ...s.pending.map((name) => `  CHƯA CHẠY ${name}`),
          s.pending.length > 0 ? "Chạy `motcua migrate up` để cập nhật." : "Lược đồ đã mới nhất.",
        ].join("\n"),
      );
    });
  migrate
    .command("up")
    .description(
      "Apply the pending migrations as the owner, then grant the application role; safe from several nodes at once (a PostgreSQL advisory lock)",
    )
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      // openDatabase migrates under kysely's lock and grants the app role what the new tables need.
      const database = await openDatabase(loadConfig(), true);
      const s = await readStatus(database.ownerUrl).finally(() => database.close());
      print(o.json, { applied: database.migrated, version: s.version, pending: s.pending }, () =>
        [
          database.migrated.length > 0
            ? `Đã chạy ${database.migrated.length} migration: ${database.migrated.join(", ")}.`
            : "Không có migration nào cần chạy.",
          versionLine(s),
        ].join("\n"),
      );
    });
}
