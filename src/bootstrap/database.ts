import type { AppConfig } from "../config/config.ts";
import { createDb, type Db } from "../db/database.ts";
import { startEmbeddedServer } from "../db/embedded-server.ts";
import { migrateToLatest } from "../db/migrate.ts";

export interface OpenDatabase {
  db: Db;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** DATABASE_URL if set; otherwise the embedded server in MOTCUA_DATA_DIR. Migrates either way. */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  const server = config.DATABASE_URL
    ? null
    : await startEmbeddedServer(`${config.MOTCUA_DATA_DIR}/pg`, config.MOTCUA_PG_PORT);
  const url = config.DATABASE_URL ?? server?.url ?? "";
  const db = createDb(url);
  try {
    await migrateToLatest(db as never);
  } catch (e) {
    await db.destroy();
    await server?.stop();
    throw e;
  }
  return {
    db,
    url,
    embedded: server !== null,
    close: async () => {
      await db.destroy();
      await server?.stop();
    },
  };
}
