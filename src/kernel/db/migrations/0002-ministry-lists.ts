import { type Kysely, sql } from "kysely";

// The ministries' own lists add the issuing body and the implementing agencies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE procedure ADD COLUMN issuing_body text NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE procedure ADD COLUMN implementing_agencies text[] NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE procedure DROP COLUMN implementing_agencies, DROP COLUMN issuing_body`.execute(db);
}
