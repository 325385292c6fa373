import { type Kysely, sql } from "kysely";
import { kpiApplyFunction, MEASURES_0008 } from "./0008-kpi.ts";

const GRAINS = ["kpi_daily", "kpi_agency_day", "kpi_agency_month"] as const;

/**
 * 0008 was changed after it first reached main (the feedback measures, kpi_history, the one-statement
 * kpi_apply, fillfactor). A database migrated with the first 0008 is brought to the current shape
 * here; on any other database every step finds its work done. When measures were missing, the
 * counts were made without them: the aggregates are emptied and the next start recounts them
 * (ensureKpiAggregates), so no indicator reads half-counted cells.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const have = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name IN ('kpi_daily', 'kpi_agency_day', 'kpi_agency_month')`.execute(
    db,
  );
  const present = new Set(have.rows.map((r) => `${r.table_name}.${r.column_name}`));
  let added = 0;
  for (const t of GRAINS) {
    for (const m of MEASURES_0008) {
      if (present.has(`${t}.${m}`)) continue;
      await sql.raw(`ALTER TABLE ${t} ADD COLUMN ${m} bigint NOT NULL DEFAULT 0`).execute(db);
      added++;
    }
    await sql.raw(`ALTER TABLE ${t} SET (fillfactor = 70)`).execute(db);
  }
  await sql`CREATE INDEX IF NOT EXISTS kpi_agency_day_day ON kpi_agency_day (day)`.execute(db);
  await sql`
    CREATE TABLE IF NOT EXISTS kpi_history (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version bigint NOT NULL
    )`.execute(db);
  await sql`INSERT INTO kpi_history (version) VALUES (1) ON CONFLICT (id) DO NOTHING`.execute(db);
  await sql.raw(kpiApplyFunction(MEASURES_0008)).execute(db);
  if (added > 0) await sql`TRUNCATE kpi_fact, kpi_daily, kpi_agency_day, kpi_agency_month`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: the shape it leaves is 0008's.
}
