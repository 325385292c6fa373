import { type Kysely, sql } from "kysely";

// The journal stays append-only; the one exception is deleting synthetic demo dossiers when the
// demo history is regenerated, and only when the purge is switched on for the transaction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dossier_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('motcua.purge_synthetic', true) = 'on'
         AND EXISTS (SELECT 1 FROM dossier WHERE id = OLD.dossier_id AND synthetic) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'dossier_action is append-only';
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dossier_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'dossier_action is append-only'; END $$`.execute(db);
}
