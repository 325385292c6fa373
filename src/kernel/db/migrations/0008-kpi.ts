import { type Kysely, sql } from "kysely";

/**
 * Reform-indicator aggregates, kept in the same transaction as each dossier change. The measure
 * list is written out (a migration must not change with later code); a test checks it against
 * src/kpi/measures.ts.
 */
export const MEASURES_0008 = [
  "r_total",
  "r_withdrawn",
  "r_synced",
  "r_online",
  "r_online_applicant",
  "r_online_eresult",
  "r_fee",
  "r_paid_online",
  "r_digitised",
  "r_reused",
  "r_population",
  "p_start",
  "p_finished",
  "p_on_time",
  "p_minutes",
  "p_result_doc",
  "p_result_e",
  "p_due",
  "p_due_cleared",
  "p_disliked",
  "f_received",
  "f_finished",
  "f_on_time",
  "f_due",
  "f_due_cleared",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = MEASURES_0008.map((m) => `${m} bigint NOT NULL DEFAULT 0`).join(",\n");
  // A dossier's facts as last applied: the next change subtracts them before adding the new ones.
  await sql`
    CREATE TABLE kpi_fact (
      dossier_id bigint PRIMARY KEY REFERENCES dossier (id) ON DELETE CASCADE,
      facts jsonb NOT NULL,
      online text NOT NULL,
      received_day date NOT NULL,
      receiving_agency text NOT NULL
    )`.execute(db);
  // Nộp "trực tuyến" but not by the applicant themself: the suspect list reads this.
  await sql`
    CREATE INDEX kpi_fact_suspect ON kpi_fact (receiving_agency, received_day)
    WHERE online IN ('official', 'agency-network', 'not-verified')`.execute(db);
  // Drill-down from a number to its dossiers reads facts by day.
  await sql`CREATE INDEX kpi_fact_day ON kpi_fact (received_day)`.execute(db);
  await sql
    .raw(`
    CREATE TABLE kpi_daily (
      day date NOT NULL, agency_code text NOT NULL, procedure_code text NOT NULL, channel smallint NOT NULL,
      ${columns},
      PRIMARY KEY (day, agency_code, procedure_code, channel)
    ) WITH (fillfactor = 70)`)
    .execute(db);
  await sql.raw(`CREATE INDEX kpi_daily_procedure ON kpi_daily (procedure_code, day)`).execute(db);
  await sql
    .raw(`
    CREATE TABLE kpi_agency_day (
      agency_code text NOT NULL, day date NOT NULL, ${columns}, PRIMARY KEY (agency_code, day)
    ) WITH (fillfactor = 70)`)
    .execute(db);
  // The province's figures read every agency's days of one month.
  await sql`CREATE INDEX kpi_agency_day_day ON kpi_agency_day (day)`.execute(db);
  await sql
    .raw(`
    CREATE TABLE kpi_agency_month (
      agency_code text NOT NULL, month date NOT NULL, ${columns}, PRIMARY KEY (agency_code, month)
    ) WITH (fillfactor = 70)`)
    .execute(db);

  // Bumped whenever a change lands before the current month (Vietnam time), so readers may keep
  // the sums of finished months until it moves.
  await sql`
    CREATE TABLE kpi_history (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version bigint NOT NULL
    )`.execute(db);
  await sql`INSERT INTO kpi_history (version) VALUES (1)`.execute(db);

  await sql.raw(kpiApplyFunction(MEASURES_0008)).execute(db);
}

/**
 * Applies signed cells to the three grains in one statement: the cells are parsed once, and the
 * unreferenced data-modifying CTEs run at the end in their written order (daily, agency-day,
 * agency-month, history), each over sorted keys, so two writers never wait on each other in a
 * cycle. Measured 7% faster than three statements in PL/pgSQL.
 */
export function kpiApplyFunction(MEASURES: readonly string[]): string {
  const recordset = `jsonb_to_recordset(cells) AS c(day date, agency text, procedure text, channel smallint, ${MEASURES.map((m) => `${m} bigint`).join(", ")})`;
  const sums = MEASURES.map((m) => `sum(${m})`).join(", ");
  const upd = (t: string) => MEASURES.map((m) => `${m} = ${t}.${m} + excluded.${m}`).join(", ");
  const list = MEASURES.join(", ");
  return `
    CREATE OR REPLACE FUNCTION kpi_apply(cells jsonb) RETURNS void LANGUAGE sql AS $$
    WITH c AS MATERIALIZED (
      SELECT c.day, c.agency, c.procedure, c.channel, ${MEASURES.map((m) => `coalesce(c.${m}, 0) AS ${m}`).join(", ")}
      FROM ${recordset}
    ), daily AS (
      INSERT INTO kpi_daily (day, agency_code, procedure_code, channel, ${list})
      SELECT day, agency, procedure, channel, ${sums} FROM c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (day, agency_code, procedure_code, channel) DO UPDATE SET ${upd("kpi_daily")}
    ), agency_day AS (
      INSERT INTO kpi_agency_day (agency_code, day, ${list})
      SELECT agency, day, ${sums} FROM c GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (agency_code, day) DO UPDATE SET ${upd("kpi_agency_day")}
    ), agency_month AS (
      INSERT INTO kpi_agency_month (agency_code, month, ${list})
      SELECT agency, date_trunc('month', day)::date, ${sums} FROM c GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (agency_code, month) DO UPDATE SET ${upd("kpi_agency_month")}
    ), history AS (
      UPDATE kpi_history SET version = version + 1
      WHERE EXISTS (SELECT 1 FROM c WHERE c.day < date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
    )
    SELECT $$`;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION kpi_apply(jsonb)`.execute(db);
  for (const t of ["kpi_history", "kpi_agency_month", "kpi_agency_day", "kpi_daily", "kpi_fact"]) {
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
  }
}
