import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // What the portal last accepted of each dossier record (a hash of the DongBoHoSoMC message), so
  // the deliverer pushes the record whenever anything the portal shows changed, not only the status.
  await sql`
    CREATE TABLE dvcqg_record (
      dossier_id bigint PRIMARY KEY REFERENCES dossier (id) ON DELETE CASCADE,
      fingerprint text NOT NULL,
      pushed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // Daily jobs at a wall-clock time: the day's run is claimed here, once across all processes.
  await sql`
    CREATE TABLE scheduled_job (
      name text PRIMARY KEY,
      last_run_day date NOT NULL,
      last_started_at timestamptz NOT NULL,
      last_finished_at timestamptz,
      last_error text
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS scheduled_job`.execute(db);
  await sql`DROP TABLE IF EXISTS dvcqg_record`.execute(db);
}
