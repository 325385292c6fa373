import { type Kysely, sql } from "kysely";

/** Wrong passwords in a row and the time until which the account may not sign in (auth/lockout.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE official ADD COLUMN failed_logins integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE official ADD COLUMN locked_until timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE official DROP COLUMN failed_logins, DROP COLUMN locked_until`.execute(db);
}
