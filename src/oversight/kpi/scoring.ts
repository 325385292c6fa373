import type { PeriodFigure, PeriodFigures } from "../../casework/kpi-facts/measures.ts";
import type { Indicator, IndicatorSet } from "./indicator.types.ts";

/** A counted rate: numerator over denominator; no denominator means the indicator does not apply. */
export interface Count {
  numerator: number;
  denominator: number;
}

/**
 * Decision 766's rule: with a threshold T, full points at rate ≥ T, else rate / T × points;
 * without one, rate × points. An empty denominator scores nothing and is reported as such.
 */
export function scoreIndicator(
  ind: Pick<Indicator, "threshold" | "points"> & { kind?: Indicator["kind"] },
  c: Count,
) {
  if (c.denominator <= 0) return { rate: null, score: null };
  // An average (2.2) is monitored, not scored: its "rate" is the average itself.
  if (ind.kind === "average-minutes") return { rate: c.numerator / c.denominator, score: 0 };
  const rate = Math.min(1, Math.max(0, c.numerator / c.denominator));
  const t = ind.threshold;
  const score = t === null ? rate * ind.points : rate >= t ? ind.points : (rate / t) * ind.points;
  return { rate, score };
}

/** The scorecard of a unit: each indicator, each group, the total, and the points not yet computed. */
export function scorecard(set: IndicatorSet, counts: ReadonlyMap<string, Count>) {
  const indicators = set.indicators.map((ind) => {
    const c = counts.get(ind.id) ?? { numerator: 0, denominator: 0 };
    return { id: ind.id, group: ind.group, points: ind.points, ...c, ...scoreIndicator(ind, c) };
  });
  const groups = set.groups.map((g) => {
    const mine = indicators.filter((i) => i.group === g.id);
    const assigned = mine.reduce((s, i) => s + i.points, 0);
    return {
      id: g.id,
      points: g.points,
      score: mine.reduce((s, i) => s + (i.score ?? 0), 0),
      // Points of the group that no configured indicator carries yet: shown, never invented.
      unassigned: g.points - assigned,
    };
  });
  return { indicators, groups, total: groups.reduce((s, g) => s + g.score, 0) };
}

const sumTerms = (terms: readonly string[], f: PeriodFigures) =>
  terms.reduce(
    (s, t) => (t.startsWith("-") ? s - f[t.slice(1) as PeriodFigure] : s + f[t as PeriodFigure]),
    0,
  );

/**
 * Each computed indicator's numerator and denominator from a period's figures, in the set's order
 * (a coefficient names an earlier or later indicator; it is resolved after all plain counts).
 */
export function countIndicators(set: IndicatorSet, f: PeriodFigures): Map<string, Count> {
  const counts = new Map<string, Count>();
  for (const ind of set.indicators) {
    if (!ind.formula) continue;
    counts.set(ind.id, {
      numerator: sumTerms(ind.formula.numerator, f),
      denominator: sumTerms(ind.formula.denominator, f),
    });
  }
  for (const ind of set.indicators) {
    const coef = ind.formula?.coefficient;
    const c = counts.get(ind.id);
    if (!coef || !c) continue;
    const by = counts.get(coef);
    const rate = by && by.denominator > 0 ? by.numerator / by.denominator : 0;
    counts.set(ind.id, { numerator: c.numerator * rate, denominator: c.denominator });
  }
  return counts;
}
