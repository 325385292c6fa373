import { type Kysely, sql } from "kysely";

/**
 * Counters of wrong guesses (PINs, passwords, TOTP codes) shared by every app node
 * (auth/lockout.ts, auth/throttle.service.ts): one row per key such as an address, an
 * address + dossier pair, a dossier, or an hour of the whole site.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE guess_throttle (
    key text PRIMARY KEY,
    failures integer NOT NULL,
    last_at timestamptz NOT NULL,
    prev_at timestamptz,
    expires_at timestamptz NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX guess_throttle_expires ON guess_throttle (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE guess_throttle`.execute(db);
}
