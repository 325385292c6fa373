import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE official (
      id serial PRIMARY KEY,
      username text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      full_name text NOT NULL,
      title text NOT NULL DEFAULT '',
      agency_code text NOT NULL REFERENCES agency (code),
      roles text[] NOT NULL,
      is_demo boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true
    )`.execute(db);
  await sql`
    CREATE TABLE auth_token (
      token_hash text PRIMARY KEY,
      official_id integer NOT NULL REFERENCES official (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE process_definition (
      procedure_code text NOT NULL,
      version integer NOT NULL,
      definition jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by integer REFERENCES official (id),
      PRIMARY KEY (procedure_code, version)
    )`.execute(db);
  // The projection: current state of each dossier, rewritten only together with a journal entry.
  await sql`
    CREATE TABLE dossier (
      id bigserial PRIMARY KEY,
      code text NOT NULL UNIQUE,
      pin_hash text NOT NULL,
      procedure_code text NOT NULL,
      procedure_name text NOT NULL,
      process_version integer NOT NULL,
      channel smallint NOT NULL CHECK (channel IN (1, 2, 3)),
      applicant jsonb NOT NULL,
      submission jsonb NOT NULL,
      components jsonb NOT NULL,
      receiving_agency text NOT NULL,
      handling_agency text NOT NULL,
      status text NOT NULL,
      dvcqg_status smallint NOT NULL,
      step_index integer,
      step_role text NOT NULL,
      step_agency text NOT NULL,
      step_started_at timestamptz,
      step_due_at timestamptz,
      assignee_id integer REFERENCES official (id),
      received_at timestamptz NOT NULL,
      due_at timestamptz,
      first_due_at timestamptz,
      finished_at timestamptz,
      returned_at timestamptz,
      paused_at timestamptz,
      paused_working_ms bigint NOT NULL DEFAULT 0,
      reappointed boolean NOT NULL DEFAULT false,
      late boolean NOT NULL DEFAULT false,
      open_subcases integer NOT NULL DEFAULT 0,
      result_kind text,
      signing_state text NOT NULL DEFAULT 'unsigned',
      delivery_state text NOT NULL DEFAULT 'pending',
      sync_state text NOT NULL DEFAULT 'pending',
      last_seq integer NOT NULL DEFAULT 0,
      synthetic boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // Inbox: the holder's queue by due date, only for dossiers still open.
  await sql`
    CREATE INDEX dossier_inbox ON dossier (step_agency, step_role, due_at, id)
    WHERE finished_at IS NULL OR status = 'result-ready'`.execute(db);
  await sql`CREATE INDEX dossier_received ON dossier (receiving_agency, received_at)`.execute(db);
  await sql`CREATE INDEX dossier_procedure ON dossier (procedure_code)`.execute(db);
  await sql`
    CREATE TABLE dossier_action (
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      seq integer NOT NULL,
      type text NOT NULL,
      actor_id integer REFERENCES official (id),
      actor_agency text NOT NULL,
      at timestamptz NOT NULL,
      note text NOT NULL DEFAULT '',
      payload jsonb NOT NULL DEFAULT '{}',
      from_status text,
      to_status text NOT NULL,
      step_key text,
      step_due_at timestamptz,
      PRIMARY KEY (dossier_id, seq)
    )`.execute(db);
  // Append-only: the journal is the record; corrections are new actions.
  await sql`
    CREATE FUNCTION dossier_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'dossier_action is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER dossier_action_no_update BEFORE UPDATE OR DELETE ON dossier_action
    FOR EACH ROW EXECUTE FUNCTION dossier_action_append_only()`.execute(db);
  await sql`
    CREATE TABLE dossier_code_counter (
      agency_code text NOT NULL,
      day date NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (agency_code, day)
    )`.execute(db);
  await sql`
    CREATE TABLE idempotency_key (
      key text NOT NULL,
      official_id integer NOT NULL REFERENCES official (id),
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (official_id, key)
    )`.execute(db);
  await sql`
    CREATE TABLE dossier_subcase (
      id bigserial PRIMARY KEY,
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      agency_code text NOT NULL,
      opened_at timestamptz NOT NULL,
      due_at timestamptz,
      closed_at timestamptz,
      note text NOT NULL DEFAULT '',
      result_note text NOT NULL DEFAULT ''
    )`.execute(db);
  await sql`CREATE INDEX dossier_subcase_dossier ON dossier_subcase (dossier_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "dossier_subcase",
    "idempotency_key",
    "dossier_code_counter",
    "dossier_action",
    "dossier",
    "process_definition",
    "auth_token",
    "official",
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS dossier_action_append_only()`.execute(db);
}
