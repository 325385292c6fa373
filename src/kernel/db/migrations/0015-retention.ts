import { type Kysely, sql } from "kysely";

/** When a dossier's personal data was removed at the end of its retention period (lưu giữ). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE dossier ADD COLUMN personal_data_purged_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE dossier DROP COLUMN personal_data_purged_at`.execute(db);
}
