import { type Kysely, sql } from "kysely";

/**
 * Second factor (TOTP) for officials: the confirmed secret, one offered at first sign-in and not
 * yet confirmed, and the last time step used (a code is accepted once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE official ADD COLUMN totp_secret text`.execute(db);
  await sql`ALTER TABLE official ADD COLUMN totp_pending_secret text`.execute(db);
  await sql`ALTER TABLE official ADD COLUMN totp_last_step bigint`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE official DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_last_step`.execute(
    db,
  );
}
