import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { PROVINCE_LEVELS } from "./demand.service.ts";
import { emptyVector, MEASURES, type MeasureVector, type PeriodSums } from "./measures.ts";

const SUMS = sql.raw(MEASURES.map((m) => `sum(${m})::float8 AS ${m}`).join(", "));
const COLS = sql.raw(MEASURES.join(", "));

const vectorOf = (row: Record<string, unknown> | undefined): MeasureVector => {
  const v = emptyVector();
  if (row) for (const m of MEASURES) v[m] = Number(row[m] ?? 0);
  return v;
};

const agencyFilter = (agencies: string[] | null) =>
  agencies === null ? sql`true` : sql`agency_code = ANY(${agencies}::text[])`;

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Running totals of every day before `dayExclusive`, per key: whole months from the monthly grain,
 * the rest of that month from the daily grain. Grouped by agency when asked.
 */
async function prefixSums(db: Db, agencies: string[] | null, dayExclusive: string, byAgency: boolean) {
  const month = `${dayExclusive.slice(0, 7)}-01`;
  const key = byAgency ? sql`agency_code` : sql`''`;
  const r = await sql<Record<string, unknown> & { k: string }>`
    SELECT k, ${SUMS} FROM (
      SELECT ${key} AS k, ${COLS} FROM kpi_agency_month WHERE month < ${month}::date AND ${agencyFilter(agencies)}
      UNION ALL
      SELECT ${key} AS k, ${COLS} FROM kpi_agency_day
      WHERE day >= ${month}::date AND day < ${dayExclusive}::date AND ${agencyFilter(agencies)}
    ) x GROUP BY k`.execute(db);
  return new Map(r.rows.map((row) => [row.k, vectorOf(row)]));
}

/** Procedures in the province's competence, and those offered online (indicator 3.1). */
export async function catalogueFigures(db: Db) {
  const r = await sql<{ in_competence: number; online_capable: number }>`
    SELECT count(*)::int AS in_competence,
      count(*) FILTER (WHERE channels @> '[{"channel": "online"}]'::jsonb)::int AS online_capable
    FROM procedure WHERE levels && ${sql.val(PROVINCE_LEVELS)}::text[]`.execute(db);
  const row = r.rows[0];
  return { inCompetence: row?.in_competence ?? 0, onlineCapable: row?.online_capable ?? 0 };
}

/** The period's sums for a set of agencies (null: all), from two running totals. */
export async function periodSums(
  db: Db,
  agencies: string[] | null,
  from: string,
  to: string,
  catalogue: PeriodSums["catalogue"],
): Promise<PeriodSums> {
  const [before, through] = await Promise.all([
    prefixSums(db, agencies, from, false),
    prefixSums(db, agencies, nextDay(to), false),
  ]);
  return combine(before.get("") ?? emptyVector(), through.get("") ?? emptyVector(), catalogue);
}

/** The same, for every agency at once (rankings). */
export async function periodSumsByAgency(
  db: Db,
  from: string,
  to: string,
  catalogue: PeriodSums["catalogue"],
): Promise<Map<string, PeriodSums>> {
  const [before, through] = await Promise.all([
    prefixSums(db, null, from, true),
    prefixSums(db, null, nextDay(to), true),
  ]);
  const out = new Map<string, PeriodSums>();
  for (const [agency, t] of through)
    out.set(agency, combine(before.get(agency) ?? emptyVector(), t, catalogue));
  return out;
}

function combine(beforeStart: MeasureVector, throughEnd: MeasureVector, catalogue: PeriodSums["catalogue"]) {
  const inPeriod = emptyVector();
  for (const m of MEASURES) inPeriod[m] = throughEnd[m] - beforeStart[m];
  return { inPeriod, beforeStart, throughEnd, catalogue };
}

/** Month by month for a trend chart: each month's sums, with the running totals at its edges. */
export async function monthlySums(
  db: Db,
  agencies: string[] | null,
  fromMonth: string,
  toMonth: string,
  catalogue: PeriodSums["catalogue"],
): Promise<{ month: string; sums: PeriodSums }[]> {
  const r = await sql<Record<string, unknown> & { month: string }>`
    SELECT to_char(month, 'YYYY-MM') AS month, ${SUMS} FROM kpi_agency_month
    WHERE month <= ${`${toMonth}-01`}::date AND ${agencyFilter(agencies)}
    GROUP BY month ORDER BY month`.execute(db);
  const out: { month: string; sums: PeriodSums }[] = [];
  let running = emptyVector();
  for (const row of r.rows) {
    const before = running;
    running = vectorOf(row);
    for (const m of MEASURES) running[m] += before[m];
    if (row.month >= fromMonth) out.push({ month: row.month, sums: combine(before, running, catalogue) });
  }
  return out;
}
