import { type Kysely, sql } from "kysely";

/** Outbox, files, national-system logs, payments and notifications (integration hub). */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Who must learn of every journal entry; each enabled topic gets one outbox event per entry.
  await sql`
    CREATE TABLE outbox_topic (
      topic text PRIMARY KEY,
      enabled boolean NOT NULL DEFAULT true
    )`.execute(db);
  await sql`INSERT INTO outbox_topic (topic, enabled) VALUES ('dvcqg', true), ('notify', false)`.execute(db);
  await sql`
    CREATE TABLE outbox_event (
      id bigserial PRIMARY KEY,
      topic text NOT NULL REFERENCES outbox_topic (topic),
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      seq integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
      delivered_at timestamptz,
      outcome text,
      last_error text
    )`.execute(db);
  // (topic, dossier, seq) is unique by construction (one event per journal entry per topic, and
  // requeue deletes before it inserts); no unique index, so reception writes one index fewer.
  await sql`CREATE INDEX outbox_pending ON outbox_event (topic, id) WHERE delivered_at IS NULL`.execute(db);
  await sql`
    CREATE INDEX outbox_pending_dossier ON outbox_event (topic, dossier_id, id)
    WHERE delivered_at IS NULL`.execute(db);
  await sql`CREATE INDEX outbox_delivered ON outbox_event (topic, delivered_at) WHERE delivered_at IS NOT NULL`.execute(
    db,
  );
  // Written by the same statement as the journal entry, so no writer can forget it. Bulk loads of
  // synthetic history set motcua.outbox = 'off' (nothing real to tell the portal).
  await sql`
    CREATE FUNCTION dossier_action_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('motcua.outbox', true) IS DISTINCT FROM 'off' THEN
        INSERT INTO outbox_event (topic, dossier_id, seq)
        SELECT topic, NEW.dossier_id, NEW.seq FROM outbox_topic WHERE enabled;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER dossier_action_outbox AFTER INSERT ON dossier_action
    FOR EACH ROW EXECUTE FUNCTION dossier_action_outbox()`.execute(db);
  await sql`
    CREATE TABLE outbox_failure (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      event_id bigint NOT NULL,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      reason text NOT NULL,
      detail text NOT NULL DEFAULT ''
    )`.execute(db);
  await sql`CREATE INDEX outbox_failure_at ON outbox_failure (topic, at)`.execute(db);

  // Where a dossier came from and what national systems said about it.
  await sql`
    ALTER TABLE dossier
      ADD COLUMN origin text NOT NULL DEFAULT 'desk',
      ADD COLUMN portal_ref text UNIQUE,
      ADD COLUMN identity_check text NOT NULL DEFAULT 'not-applicable',
      ADD COLUMN identity_checked_at timestamptz,
      ADD COLUMN registry_ref jsonb,
      ADD COLUMN retyped_fields text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`CREATE INDEX dossier_applicant_id ON dossier ((applicant->>'idNumber'))`.execute(db);
  await sql`CREATE INDEX dossier_identity_pending ON dossier (id) WHERE identity_check = 'pending'`.execute(
    db,
  );
  await sql`ALTER TABLE dossier_action ALTER COLUMN actor_id DROP NOT NULL`.execute(db);

  // Content-addressed files (SHA-256); the bytes live in the file store, not here.
  await sql`
    CREATE TABLE stored_file (
      id bigserial PRIMARY KEY,
      dossier_id bigint REFERENCES dossier (id),
      component text NOT NULL DEFAULT '',
      kind text NOT NULL DEFAULT 'submitted',
      name text NOT NULL,
      mime text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      source text NOT NULL DEFAULT 'upload',
      uploaded_by integer REFERENCES official (id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX stored_file_dossier ON stored_file (dossier_id)`.execute(db);

  // Every population-database lookup: who, why, which dossier, result (never the citizen's data).
  await sql`
    CREATE TABLE population_lookup (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      official_id integer REFERENCES official (id),
      purpose text NOT NULL,
      dossier_id bigint REFERENCES dossier (id),
      id_number_masked text NOT NULL,
      outcome text NOT NULL,
      ms integer NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE payment (
      id bigserial PRIMARY KEY,
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      reference text NOT NULL UNIQUE,
      amount bigint NOT NULL CHECK (amount > 0),
      lines jsonb NOT NULL,
      state text NOT NULL DEFAULT 'initiated',
      pay_url text NOT NULL DEFAULT '',
      initiated_at timestamptz NOT NULL,
      initiated_by integer REFERENCES official (id),
      paid_at timestamptz,
      platform_txn text,
      receipt_file_id bigint REFERENCES stored_file (id),
      last_checked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX payment_open ON payment (initiated_at) WHERE state = 'initiated'`.execute(db);

  await sql`
    CREATE TABLE notification (
      id bigserial PRIMARY KEY,
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      seq integer NOT NULL,
      event text NOT NULL,
      channel text NOT NULL,
      recipient_masked text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      provider_ref text NOT NULL DEFAULT '',
      UNIQUE (dossier_id, seq, channel)
    )`.execute(db);

  // Small durable state of the integration workers: pull cursors, last reconciliation.
  await sql`
    CREATE TABLE integration_state (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE citizen_session (
      token_hash text PRIMARY KEY,
      id_number text NOT NULL,
      name text NOT NULL,
      level integer NOT NULL,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE dossier_tracking (
      dossier_id bigint NOT NULL REFERENCES dossier (id),
      id_number text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dossier_id, id_number)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "dossier_tracking",
    "citizen_session",
    "integration_state",
    "notification",
    "payment",
    "population_lookup",
    "stored_file",
    "outbox_failure",
    "outbox_event",
    "outbox_topic",
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP TRIGGER IF EXISTS dossier_action_outbox ON dossier_action`.execute(db);
  await sql`DROP FUNCTION IF EXISTS dossier_action_outbox()`.execute(db);
  await sql`
    ALTER TABLE dossier DROP COLUMN origin, DROP COLUMN portal_ref, DROP COLUMN identity_check,
      DROP COLUMN identity_checked_at, DROP COLUMN registry_ref, DROP COLUMN retyped_fields`.execute(db);
}
