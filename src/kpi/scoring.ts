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
export function scoreIndicator(ind: Pick<Indicator, "threshold" | "points">, c: Count) {
  if (c.denominator <= 0) return { rate: null, score: null };
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
