import { emptyVector, MEASURES, type PeriodSums, periodFigures } from "../../casework/kpi-facts/measures.ts";
import type { AppError } from "../../kernel/common/app-error.ts";
import { ok, type Result } from "../../kernel/common/result.ts";
import { TtlCache } from "../../kernel/common/ttl-cache.ts";
import type { Db } from "../../kernel/db/database.ts";
import { epochDayOf, isoDateOf } from "../../reference/calendar/local-time.ts";
import { catalogueFigures, monthlySums, periodSums, periodSumsByAgency } from "./aggregates.repository.ts";
import type { IndicatorSet } from "./indicator.types.ts";
import { type KpiUnit, resolveKpiUnit } from "./kpi-units.service.ts";
import { countIndicators, scorecard } from "./scoring.ts";

export interface Period {
  from: string;
  to: string;
}

/** The period of the same length just before (kỳ trước) and the same dates a year earlier (cùng kỳ). */
export function comparisonPeriods(p: Period): { previous: Period; lastYear: Period } {
  const from = epochDayOf(p.from);
  const len = epochDayOf(p.to) - from + 1;
  const back = (d: string) => {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    // 29 February a year earlier is 28 February.
    const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
    return `${y - 1}-${String(m).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
  };
  return {
    previous: { from: isoDateOf(from - len), to: isoDateOf(from - 1) },
    lastYear: { from: back(p.from), to: back(p.to) },
  };
}

/** A scored period: the figures, every indicator and group, and the total. */
export function scoreSums(set: IndicatorSet, sums: PeriodSums) {
  const figures = periodFigures(sums);
  return { figures, ...scorecard(set, countIndicators(set, figures)) };
}

export async function unitScorecard(
  db: Db,
  set: IndicatorSet,
  provinceCode: string,
  q: Period & { unit?: string },
): Promise<Result<{ unit: KpiUnit; period: Period } & ReturnType<typeof scoreSums> & Comparisons, AppError>> {
  const unit = await resolveKpiUnit(db, provinceCode, q.unit);
  if (!unit.ok) return unit;
  const catalogue = await catalogueFigures(db);
  const { previous, lastYear } = comparisonPeriods(q);
  const [now, prev, year] = await Promise.all(
    [q, previous, lastYear].map((p) => periodSums(db, unit.value.agencies, p.from, p.to, catalogue)),
  );
  const card = scoreSums(set, now as PeriodSums);
  const brief = (p: Period, sums: PeriodSums) => {
    const c = scoreSums(set, sums);
    return { period: p, total: c.total, rates: Object.fromEntries(c.indicators.map((i) => [i.id, i.rate])) };
  };
  return ok({
    unit: unit.value,
    period: { from: q.from, to: q.to },
    ...card,
    previous: brief(previous, prev as PeriodSums),
    lastYear: brief(lastYear, year as PeriodSums),
  });
}

interface Comparisons {
  previous: { period: Period; total: number; rates: Record<string, number | null> };
  lastYear: { period: Period; total: number; rates: Record<string, number | null> };
}

/**
 * Agencies (sở, ngành, trung tâm) or communes ranked by total score, with the figures a leader
 * asks about first: dossiers, on-time rate, the online rate as reported and as submitted.
 */
/** Agencies' sums gathered by unit: each agency on its own, or each commune's agencies together. */
// Agencies and communes change on re-import or in the admin screens: read once a minute.
const namesCache = new WeakMap<Db, TtlCache<Awaited<ReturnType<typeof loadUnitNames>>>>();
const loadUnitNames = async (db: Db) => {
  const [agencies, communes] = await Promise.all([
    db.selectFrom("agency").select(["code", "name", "kind", "unit_code"]).execute(),
    db
      .selectFrom("admin_unit")
      .select(["code", "full_name"])
      .where("era", "=", "post2025")
      .where("level", "=", "commune")
      .execute(),
  ]);
  return { agencies, communeNames: new Map(communes.map((u) => [u.code, u.full_name])) };
};
function unitNames(db: Db) {
  let cache = namesCache.get(db);
  if (!cache) {
    cache = new TtlCache(60_000, 1);
    namesCache.set(db, cache);
  }
  return cache.get("names", () => loadUnitNames(db));
}

export async function sumsByUnit(
  db: Db,
  p: Period,
  by: "agency" | "commune",
  catalogue: PeriodSums["catalogue"],
) {
  const [sums, { agencies, communeNames }] = await Promise.all([
    periodSumsByAgency(db, p.from, p.to, catalogue),
    unitNames(db),
  ]);
  const names = by === "commune" ? communeNames : null;
  const groups = new Map<string, { code: string; name: string; parts: PeriodSums[] }>();
  for (const a of agencies) {
    const s = sums.get(a.code);
    if (!s || (by === "commune") !== a.kind.startsWith("commune")) continue;
    const key = by === "commune" ? (a.unit_code ?? a.code) : a.code;
    const g = groups.get(key) ?? { code: key, name: names?.get(key) ?? a.name, parts: [] };
    g.parts.push(s);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    code: g.code,
    name: g.name,
    sums: mergeSums(g.parts, catalogue),
  }));
}

/**
 * Agencies (sở, ngành, trung tâm) or communes ranked by total score, with the figures a leader
 * asks about first: dossiers, on-time rate, the online rate as reported and as submitted.
 */
export async function rankings(db: Db, set: IndicatorSet, p: Period, by: "agency" | "commune") {
  const units = await sumsByUnit(db, p, by, await catalogueFigures(db));
  const rows = units.map((u) => {
    const c = scoreSums(set, u.sums);
    const rate = (id: string) => c.indicators.find((i) => i.id === id)?.rate ?? null;
    return {
      code: u.code,
      name: u.name,
      total: c.total,
      received: c.figures.r_total,
      onTime: rate("2.1"),
      onlineReported: rate("3.3a"),
      onlineApplicant: rate("3.3b"),
      overdueOpen: c.figures.p_overdue_open_end,
    };
  });
  rows.sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}

function mergeSums(parts: PeriodSums[], catalogue: PeriodSums["catalogue"]): PeriodSums {
  const out = { inPeriod: emptyVector(), beforeStart: emptyVector(), throughEnd: emptyVector(), catalogue };
  for (const p of parts) {
    for (const m of MEASURES) {
      out.inPeriod[m] += p.inPeriod[m];
      out.beforeStart[m] += p.beforeStart[m];
      out.throughEnd[m] += p.throughEnd[m];
    }
  }
  return out;
}

/** Month-by-month total score and indicator rates for a unit (trend charts). */
export async function trend(
  db: Db,
  set: IndicatorSet,
  provinceCode: string,
  q: { unit?: string; fromMonth: string; toMonth: string },
) {
  const unit = await resolveKpiUnit(db, provinceCode, q.unit);
  if (!unit.ok) return unit;
  const catalogue = await catalogueFigures(db);
  const months = await monthlySums(db, unit.value.agencies, q.fromMonth, q.toMonth, catalogue);
  return ok({
    unit: unit.value,
    months: months.map(({ month, sums }) => {
      const c = scoreSums(set, sums);
      return {
        month,
        total: c.total,
        received: c.figures.r_total,
        rates: Object.fromEntries(c.indicators.map((i) => [i.id, i.rate])),
      };
    }),
  });
}
