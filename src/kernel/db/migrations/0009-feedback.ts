import { type Kysely, sql } from "kysely";

/** Phản ánh, kiến nghị (PAKN) with their journal, and the applicants' ratings of dossiers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE feedback (
      id bigserial PRIMARY KEY,
      code text NOT NULL UNIQUE,
      pin_hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('complaint', 'suggestion')),
      subject text NOT NULL CHECK (subject IN ('dossier', 'procedure', 'agency')),
      dossier_id bigint REFERENCES dossier (id),
      procedure_code text,
      agency_code text NOT NULL REFERENCES agency (code),
      title text NOT NULL,
      content text NOT NULL,
      submitter_name text NOT NULL DEFAULT '',
      submitter_contact text NOT NULL DEFAULT '',
      -- A VNeID-verified submitter's identity number; NULL for an anonymous one.
      submitter_id text,
      status text NOT NULL,
      received_at timestamptz NOT NULL,
      due_at timestamptz,
      assignee_id integer REFERENCES official (id),
      answer text NOT NULL DEFAULT '',
      answered_at timestamptz,
      publish boolean NOT NULL DEFAULT false,
      closed_at timestamptz,
      last_seq integer NOT NULL,
      -- The facts last applied to the reform indicators (5.2).
      kpi_facts jsonb
    )`.execute(db);
  await sql`CREATE INDEX feedback_agency ON feedback (agency_code, status, due_at)`.execute(db);
  await sql`CREATE INDEX feedback_dossier ON feedback (dossier_id) WHERE dossier_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX feedback_published ON feedback (answered_at DESC) WHERE publish`.execute(db);
  await sql`
    CREATE TABLE feedback_action (
      feedback_id bigint NOT NULL REFERENCES feedback (id),
      seq integer NOT NULL,
      type text NOT NULL,
      actor_id integer,
      at timestamptz NOT NULL,
      note text NOT NULL DEFAULT '',
      from_status text,
      to_status text NOT NULL,
      PRIMARY KEY (feedback_id, seq)
    )`.execute(db);
  // Đánh giá mức độ hài lòng: one per dossier, after its result was returned (chỉ số 5.4).
  await sql`
    CREATE TABLE dossier_rating (
      dossier_id bigint PRIMARY KEY REFERENCES dossier (id),
      rating text NOT NULL CHECK (rating IN ('satisfied', 'neutral', 'dissatisfied')),
      comment text NOT NULL DEFAULT '',
      official_rating text CHECK (official_rating IN ('satisfied', 'neutral', 'dissatisfied')),
      via text NOT NULL CHECK (via IN ('tracking', 'kiosk', 'link')),
      at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["dossier_rating", "feedback_action", "feedback"])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
