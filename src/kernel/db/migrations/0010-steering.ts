import { type Kysely, sql } from "kysely";

/**
 * Reform steering (chỉ đạo điều hành CCHC): the register of detailing regulations owed, inspection
 * plans with their findings, reform tasks in the six areas, one journal for all, and reminders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Văn bản quy định chi tiết: a document the province (or a ministry) must issue by a date.
  await sql`
    CREATE TABLE regulation (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      legal_basis text NOT NULL,
      issuer_level text NOT NULL CHECK (issuer_level IN ('province', 'ministry')),
      agency_code text NOT NULL REFERENCES agency (code),
      due_on date NOT NULL,
      -- The first due date: a regulation rescheduled and issued after it still counts as late.
      original_due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('drafting', 'submitted', 'issued', 'cancelled')),
      issued_number text,
      issued_on date,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      last_seq integer NOT NULL,
      synthetic boolean NOT NULL DEFAULT false
    )`.execute(db);
  await sql`CREATE INDEX regulation_open ON regulation (due_on) WHERE status IN ('drafting', 'submitted')`.execute(
    db,
  );
  await sql`CREATE INDEX regulation_agency ON regulation (agency_code)`.execute(db);

  // Kiểm tra công tác CCHC: which unit, when, by whom.
  await sql`
    CREATE TABLE inspection (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      target_agency text NOT NULL REFERENCES agency (code),
      inspector_agency text NOT NULL REFERENCES agency (code),
      lead_name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      status text NOT NULL CHECK (status IN ('planned', 'in-progress', 'completed', 'cancelled')),
      conclusion text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      last_seq integer NOT NULL,
      synthetic boolean NOT NULL DEFAULT false
    )`.execute(db);
  await sql`
    CREATE TABLE inspection_finding (
      id bigserial PRIMARY KEY,
      inspection_id bigint NOT NULL REFERENCES inspection (id),
      description text NOT NULL,
      owner_agency text NOT NULL REFERENCES agency (code),
      remedy_due_on date NOT NULL,
      dossier_code text,
      procedure_code text REFERENCES procedure (code),
      status text NOT NULL CHECK (status IN ('open', 'remedied', 'closed')),
      remedy text NOT NULL DEFAULT '',
      remedied_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz NOT NULL,
      last_seq integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX inspection_finding_inspection ON inspection_finding (inspection_id)`.execute(db);
  await sql`CREATE INDEX inspection_finding_owner ON inspection_finding (owner_agency, status)`.execute(db);

  // Nhiệm vụ CCHC in the six reform areas of the master programme.
  await sql`
    CREATE TABLE reform_task (
      id bigserial PRIMARY KEY,
      area text NOT NULL,
      title text NOT NULL,
      agency_code text NOT NULL REFERENCES agency (code),
      due_on date NOT NULL,
      progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
      done_on date,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      last_seq integer NOT NULL,
      synthetic boolean NOT NULL DEFAULT false
    )`.execute(db);
  await sql`CREATE INDEX reform_task_area ON reform_task (area, status)`.execute(db);

  // Append-only: who did what to which item, and when.
  await sql`
    CREATE TABLE steering_event (
      entity text NOT NULL CHECK (entity IN ('regulation', 'inspection', 'finding', 'task')),
      entity_id bigint NOT NULL,
      seq integer NOT NULL,
      type text NOT NULL,
      actor_id integer REFERENCES official (id),
      at timestamptz NOT NULL,
      note text NOT NULL DEFAULT '',
      payload jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (entity, entity_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION steering_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'steering_event is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER steering_event_immutable BEFORE UPDATE OR DELETE ON steering_event
    FOR EACH ROW EXECUTE FUNCTION steering_event_immutable()`.execute(db);

  // Nhắc việc: one per item and threshold, addressed to the responsible agency.
  await sql`
    CREATE TABLE steering_reminder (
      id bigserial PRIMARY KEY,
      entity text NOT NULL,
      entity_id bigint NOT NULL,
      kind text NOT NULL,
      agency_code text NOT NULL REFERENCES agency (code),
      title text NOT NULL,
      due_on date NOT NULL,
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      UNIQUE (entity, entity_id, kind)
    )`.execute(db);
  await sql`CREATE INDEX steering_reminder_agency ON steering_reminder (agency_code, created_at DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "steering_reminder",
    "steering_event",
    "reform_task",
    "inspection_finding",
    "inspection",
    "regulation",
  ])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
  await sql`DROP FUNCTION steering_event_immutable()`.execute(db);
}
