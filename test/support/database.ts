import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createDb, type Db } from "../../src/kernel/db/database.ts";
import { TEMPLATE_DATABASE } from "./template.ts";

/**
 * A database of its own for the calling test file, copied from the loaded template (fast: a
 * file copy, not a re-import), dropped when the file's tests end.
 */
export async function freshDatabase(): Promise<{ db: Db; url: string }> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres(?=\?|$)/, `/${name}`);
  const db = createDb(url, 4);
  afterAll(async () => {
    await db.destroy();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { db, url };
}
