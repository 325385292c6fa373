import { type Kysely, sql } from "kysely";

/**
 * The audit log (nhật ký kiểm tra): every action and every read of personal data, append-only.
 * Records are sealed into a hash chain shortly after they are written (seal_seq, prev_hash, hash),
 * so writers never wait on one another; the trigger lets a record be sealed once and otherwise
 * refuses UPDATE, DELETE and TRUNCATE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('official', 'citizen', 'public', 'system')),
      actor_id text,
      roles text[] NOT NULL DEFAULT '{}',
      agency_code text,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text NOT NULL DEFAULT '',
      purpose text NOT NULL DEFAULT '',
      request_id text NOT NULL DEFAULT '',
      status integer NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      seal_seq bigint UNIQUE,
      prev_hash text,
      hash text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seal_seq IS NULL`.execute(db);
  await sql`CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log (actor_kind, actor_id, at)`.execute(db);
  await sql`
    CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.seal_seq IS NULL AND NEW.seal_seq IS NOT NULL
        AND (NEW.id, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.roles, NEW.agency_code, NEW.action,
             NEW.object_type, NEW.object_id, NEW.purpose, NEW.request_id, NEW.status, NEW.details)
        IS NOT DISTINCT FROM
            (OLD.id, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.roles, OLD.agency_code, OLD.action,
             OLD.object_type, OLD.object_id, OLD.purpose, OLD.request_id, OLD.status, OLD.details)
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
  await sql`DROP FUNCTION audit_log_guard()`.execute(db);
}
