import { type Kysely, sql } from "kysely";

/**
 * Text stored before entry points normalised it may be in NFD (the crawled catalogue was), so a
 * search, a comparison or text copied from a form breaks ("gọ i tắt"). This rewrites every text
 * and jsonb column to NFC, one scan per table. History keeps what was written: the append-only
 * journals and the audit log are left as they are, and so is anything hashed, encrypted or secret.
 * A table that cannot be rewritten (say, two spellings of one key now collide) is reported and
 * left alone rather than stopping the upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    DECLARE
      t record;
      sets text;
      changed text;
      n bigint;
    BEGIN
      FOR t IN
        SELECT c.table_name,
               string_agg(format('%I = normalize(%I%s, NFC)%s', c.column_name, c.column_name,
                 CASE WHEN c.data_type = 'jsonb' THEN '::text' ELSE '' END,
                 CASE WHEN c.data_type = 'jsonb' THEN '::jsonb' ELSE '' END), ', ') AS sets,
               string_agg(format('%I%s IS NOT NFC NORMALIZED', c.column_name,
                 CASE WHEN c.data_type = 'jsonb' THEN '::text' ELSE '' END), ' OR ') AS changed
        FROM information_schema.columns c
        JOIN information_schema.tables tb
          ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = current_schema()
          AND tb.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'jsonb')
          AND c.is_generated = 'NEVER'
          AND c.table_name NOT IN ('dossier_action', 'steering_event', 'audit_log',
                                   'population_lookup', 'idempotency_key', 'dvcqg_record',
                                   'auth_token', 'citizen_session', 'guess_throttle')
          AND c.table_name NOT LIKE 'outbox_%'
          AND c.table_name NOT LIKE 'kysely_%'
          AND c.column_name !~ '(hash|secret|token|password|signature|pin|key|seal)'
        GROUP BY c.table_name
        ORDER BY c.table_name
      LOOP
        BEGIN
          EXECUTE format('UPDATE %I SET %s WHERE %s', t.table_name, t.sets, t.changed);
          GET DIAGNOSTICS n = ROW_COUNT;
          IF n > 0 THEN RAISE NOTICE 'NFC: % rows of %', n, t.table_name; END IF;
        EXCEPTION WHEN OTHERS THEN
          RAISE WARNING 'NFC: % left as it is (%)', t.table_name, SQLERRM;
        END;
      END LOOP;
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  // NFC is what every entry point writes now; there is no going back to mixed forms.
}
