import { sql } from "kysely";
import {
  emptyVector,
  MEASURES,
  type Measure,
  type MeasureVector,
  type PeriodSums,
  RUNNING_BEFORE_START,
  RUNNING_THROUGH_END,
} from "../../casework/kpi-facts/measures.ts";
import { TtlCache } from "../../kernel/common/ttl-cache.ts";
import type { Db } from "../../kernel/db/database.ts";
import { epochDayOf, isoDateOf } from "../../reference/calendar/local-time.ts";
import { PROVINCE_LEVELS } from "./demand.service.ts";
import { periodPieces } from "./period-pieces.ts";

const sumsOf = (cols: readonly Measure[]) => sql.raw(cols.map((m) => `sum(${m}::float8) AS ${m}`).join(", "));

const vectorOf = (row: Record<string, unknown> | undefined): MeasureVector => {
  const v = emptyVector();
  if (row) for (const m of MEASURES) v[m] = Number(row[m] ?? 0);
  return v;
};

const agencyFilter = (agencies: string[] | null) =>
  agencies === null ? sql`true` : sql`agency_code = ANY(${agencies}::text[])`;

const dayAfter = (day: string) => isoDateOf(epochDayOf(day) + 1);
/** Before any dossier: running totals start here. */
const EPOCH = "2000-01-01";

/** Which sums: agencies (null: all), days [from, until), measures, and whether per agency. */
interface SumQuery {
  agencies: string[] | null;
  from: string;
  until: string;
  cols: readonly Measure[];
  byAgency: boolean;
}

/**
 * Sums of some measures over the days [from, until) from the month and day grains, in the pieces
 * that read the fewest rows (period-pieces.ts). Per agency if asked.
 */
async function sumRange(db: Db, q: SumQuery): Promise<Map<string, MeasureVector>> {
  const { agencies, cols, byAgency } = q;
  const key = byAgency ? sql`agency_code` : sql`''`;
  const unit = agencyFilter(agencies);
  const pieces = periodPieces(q.from, q.until);
  if (!pieces.length) return new Map();
  const parts = pieces.map((p) => {
    const list = sql.raw(cols.map((m) => (p.sign < 0 ? `-${m}` : m)).join(", "));
    return p.grain === "month"
      ? sql`SELECT ${key} AS k, ${list} FROM kpi_agency_month
          WHERE month >= ${p.from}::date AND month < ${p.until}::date AND ${unit}`
      : sql`SELECT ${key} AS k, ${list} FROM kpi_agency_day
          WHERE day >= ${p.from}::date AND day < ${p.until}::date AND ${unit}`;
  });
  const r = await sql<Record<string, unknown> & { k: string }>`
    SELECT k, ${sumsOf(cols)} FROM (${sql.join(parts, sql` UNION ALL `)}) x GROUP BY k`.execute(db);
  return new Map(r.rows.map((row) => [row.k, vectorOf(row)]));
}

/**
 * Days before `stableBefore` only change when kpi_history's version moves (kpi_apply bumps it for
 * any change before the current month), so their sums are kept per version. The boundary is the
 * current month's first day, or the previous month's on the 1st (a transaction that began before
 * midnight may still write yesterday).
 */
async function stableState(db: Db): Promise<{ version: string; stableBefore: string }> {
  const r = await sql<{ version: string; stable_before: string }>`
    SELECT version::text, to_char(date_trunc('month', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '1 day'), 'YYYY-MM-DD')
      AS stable_before FROM kpi_history`.execute(db);
  const row = r.rows[0];
  return { version: row?.version ?? "0", stableBefore: row?.stable_before ?? EPOCH };
}

const stableSums = new WeakMap<Db, TtlCache<Map<string, MeasureVector>>>();

function add(a: Map<string, MeasureVector>, b: Map<string, MeasureVector>) {
  const out = new Map(a);
  for (const [k, v] of b) {
    const sum = emptyVector();
    const base = out.get(k);
    for (const m of MEASURES) sum[m] = (base?.[m] ?? 0) + v[m];
    out.set(k, sum);
  }
  return out;
}

/** sumRange, with the part before the stable boundary taken from the cache when it is current. */
async function sumRangeKept(
  db: Db,
  state: { version: string; stableBefore: string },
  q: SumQuery,
): Promise<Map<string, MeasureVector>> {
  const { from, until } = q;
  const cut = state.stableBefore;
  if (from >= cut) return sumRange(db, q);
  let cache = stableSums.get(db);
  if (!cache) {
    cache = new TtlCache(600_000, 5_000);
    stableSums.set(db, cache);
  }
  const stableUntil = [until, cut].sort()[0] as string; // ISO days order as text
  const key = JSON.stringify([state.version, q.agencies, from, stableUntil, q.cols, q.byAgency]);
  const kept = await cache.get(key, () => sumRange(db, { ...q, until: stableUntil }));
  return until <= cut ? kept : add(kept, await sumRange(db, { ...q, from: cut }));
}

/**
 * A period's sums, and only the running totals its figures need (periodFigures), queried in
 * parallel (one scan with FILTERs measured 2.5× slower), for a set of agencies or per agency.
 * The live days (from the stable boundary to the period's end) are read once, with every
 * measure, and serve both the period's sums and the running totals at its end.
 */
async function periodParts(db: Db, agencies: string[] | null, from: string, to: string, byAgency: boolean) {
  const until = dayAfter(to);
  const state = await stableState(db);
  const cut = state.stableBefore;
  const q = { agencies, byAgency };
  const shared = from < cut && until > cut;
  const [inPeriod, before, through, live] = await Promise.all([
    sumRangeKept(db, state, { ...q, from, until: shared ? cut : until, cols: MEASURES }),
    sumRangeKept(db, state, { ...q, from: EPOCH, until: from, cols: RUNNING_BEFORE_START }),
    sumRangeKept(db, state, { ...q, from: EPOCH, until: shared ? cut : until, cols: RUNNING_THROUGH_END }),
    shared ? sumRange(db, { ...q, from: cut, until, cols: MEASURES }) : new Map<string, MeasureVector>(),
  ]);
  const inPeriodAll = add(inPeriod, live);
  return new Map(
    [...add(through, live)].map(([k, throughEnd]) => [
      k,
      {
        inPeriod: inPeriodAll.get(k) ?? emptyVector(),
        beforeStart: before.get(k) ?? emptyVector(),
        throughEnd,
      },
    ]),
  );
}

// The catalogue changes only when it is re-imported: its two figures are read once a minute.
const catalogueCache = new WeakMap<Db, TtlCache<PeriodSums["catalogue"]>>();

/** Procedures in the province's competence, and those offered online (indicator 3.1). */
export async function catalogueFigures(db: Db): Promise<PeriodSums["catalogue"]> {
  let cache = catalogueCache.get(db);
  if (!cache) {
    cache = new TtlCache(60_000, 1);
    catalogueCache.set(db, cache);
  }
  return cache.get("catalogue", async () => {
    const r = await sql<{ in_competence: number; online_capable: number }>`
      SELECT count(*)::int AS in_competence,
        count(*) FILTER (WHERE channels @> '[{"channel": "online"}]'::jsonb)::int AS online_capable
      FROM procedure WHERE levels && ${sql.val(PROVINCE_LEVELS)}::text[]`.execute(db);
    const row = r.rows[0];
    return { inCompetence: row?.in_competence ?? 0, onlineCapable: row?.online_capable ?? 0 };
  });
}

/** The period's sums for a set of agencies (null: all). */
export async function periodSums(
  db: Db,
  agencies: string[] | null,
  from: string,
  to: string,
  catalogue: PeriodSums["catalogue"],
): Promise<PeriodSums> {
  const parts = (await periodParts(db, agencies, from, to, false)).get("");
  return {
    inPeriod: parts?.inPeriod ?? emptyVector(),
    beforeStart: parts?.beforeStart ?? emptyVector(),
    throughEnd: parts?.throughEnd ?? emptyVector(),
    catalogue,
  };
}

/** The same, for every agency at once (rankings). */
export async function periodSumsByAgency(
  db: Db,
  from: string,
  to: string,
  catalogue: PeriodSums["catalogue"],
): Promise<Map<string, PeriodSums>> {
  const out = new Map<string, PeriodSums>();
  for (const [agency, parts] of await periodParts(db, null, from, to, true))
    out.set(agency, { ...parts, catalogue });
  return out;
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
    SELECT to_char(month, 'YYYY-MM') AS month, ${sumsOf(MEASURES)} FROM kpi_agency_month
    WHERE month <= ${`${toMonth}-01`}::date AND ${agencyFilter(agencies)}
    GROUP BY month ORDER BY month`.execute(db);
  const out: { month: string; sums: PeriodSums }[] = [];
  let running = emptyVector();
  for (const row of r.rows) {
    const beforeStart = running;
    const inPeriod = vectorOf(row);
    running = emptyVector();
    for (const m of MEASURES) running[m] = beforeStart[m] + inPeriod[m];
    if (row.month >= fromMonth)
      out.push({ month: row.month, sums: { inPeriod, beforeStart, throughEnd: running, catalogue } });
  }
  return out;
}
