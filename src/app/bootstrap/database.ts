import { ensureLoginRole, grantAppRole, userOf } from "../../kernel/db/app-role.ts";
import { createDb, type Db, withCaFile } from "../../kernel/db/database.ts";
import { startEmbeddedServer } from "../../kernel/db/embedded-server.ts";
import { migrateToLatest, migrationStatus } from "../../kernel/db/migrate.ts";
import type { AppConfig } from "../settings.ts";
import { StartRefused } from "./production.ts";
import { startErrors } from "./start.errors.ts";

export interface OpenDatabase {
  /** The application's connection: its own role, which cannot rewrite the audit log. */
  db: Db;
  url: string;
  /** The owner's connection, for migrations and restores. */
  ownerUrl: string;
  embedded: boolean;
  /** Migrations this start applied. */
  migrated: string[];
  close(): Promise<void>;
}

/** The embedded server's application role (its password is as local as the superuser's). */
const EMBEDDED_APP_ROLE = { name: "motcua_app", password: "motcua-local-app" };

/** The owner's URL: the embedded superuser, or MIGRATION_DATABASE_URL, else DATABASE_URL. */
export async function ownerServer(config: AppConfig) {
  const server = config.DATABASE_URL
    ? null
    : await startEmbeddedServer(`${config.MOTCUA_DATA_DIR}/pg`, config.MOTCUA_PG_PORT);
  const external = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL ?? "";
  return { server, ownerUrl: server?.url ?? withCaFile(external, config.MOTCUA_DB_CA_FILE) };
}

/**
 * DATABASE_URL if set; otherwise the embedded server in MOTCUA_DATA_DIR. Migrates as the owner
 * (the embedded superuser, or MIGRATION_DATABASE_URL) and serves as the application role, after
 * granting it what it needs (db/app-role.ts). With DATABASE_URL alone, one role does both.
 * With `migrate` false (MOTCUA_MIGRATE_ON_START=false) pending migrations refuse the start.
 */
export async function openDatabase(
  config: AppConfig,
  migrate = config.MOTCUA_MIGRATE_ON_START === "true",
): Promise<OpenDatabase> {
  const { server, ownerUrl } = await ownerServer(config);
  let url = config.DATABASE_URL ? withCaFile(config.DATABASE_URL, config.MOTCUA_DB_CA_FILE) : ownerUrl;
  const owner = createDb(ownerUrl, 2);
  let migrated: string[] = [];
  try {
    if (migrate) migrated = await migrateToLatest(owner as never);
    else {
      const { pending } = await migrationStatus(owner as never);
      if (pending.length > 0) throw new StartRefused(startErrors.migrationsPending(pending));
    }
    if (server) {
      await ensureLoginRole(owner, EMBEDDED_APP_ROLE.name, EMBEDDED_APP_ROLE.password);
      const app = new URL(ownerUrl);
      app.username = EMBEDDED_APP_ROLE.name;
      app.password = EMBEDDED_APP_ROLE.password;
      url = app.toString();
    }
    if (userOf(url) !== userOf(ownerUrl)) await grantAppRole(owner, userOf(url));
  } catch (e) {
    await owner.destroy();
    await server?.stop();
    throw e;
  }
  await owner.destroy();
  const db = createDb(url);
  return {
    db,
    url,
    ownerUrl,
    embedded: server !== null,
    migrated,
    close: async () => {
      await db.destroy();
      await server?.stop();
    },
  };
}
