import { type Kysely, sql } from "kysely";

/**
 * Idempotency as payment APIs keep it: a key is bound to the official, the route and a
 * fingerprint of the body, and keeps the original response for 24 hours. The key itself is not
 * stored (its hash is), and the response is encrypted with a key derived from it, so the PIN in
 * a kept response cannot be read from the database or a backup without the desk's own key.
 * Old rows (only the dossier, no response) are dropped: they could not answer a replay anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE idempotency_key`.execute(db);
  await sql`
    CREATE TABLE idempotency_key (
      official_id integer NOT NULL REFERENCES official (id),
      key_hash text NOT NULL,
      route text NOT NULL,
      fingerprint text NOT NULL,
      dossier_id bigint REFERENCES dossier (id),
      status smallint NOT NULL,
      response bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (official_id, key_hash)
    )`.execute(db);
  await sql`CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE idempotency_key`.execute(db);
  await sql`
    CREATE TABLE idempotency_key (
      key text NOT NULL,
      official_id integer NOT NULL REFERENCES official (id),
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (official_id, key)
    )`.execute(db);
}
