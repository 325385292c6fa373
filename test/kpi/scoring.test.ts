import { describe, expect, it } from "vitest";
import { indicatorSetSchema } from "../../src/oversight/kpi/indicator.types.ts";
import { loadIndicatorSet } from "../../src/oversight/kpi/indicators.loader.ts";
import { scorecard, scoreIndicator } from "../../src/oversight/kpi/scoring.ts";

describe("Decision 766 scoring rule", () => {
  it("with a threshold: full points at or above it, proportional below", () => {
    const ind = { threshold: 0.8, points: 4 };
    const below = scoreIndicator(ind, { numerator: 60, denominator: 100 });
    expect(below.rate).toBe(0.6);
    expect(below.score).toBeCloseTo(3, 12); // 0.6 / 0.8 × 4
    expect(scoreIndicator(ind, { numerator: 80, denominator: 100 }).score).toBe(4);
    expect(scoreIndicator(ind, { numerator: 99, denominator: 100 }).score).toBe(4);
  });

  it("without a threshold: rate × points; an empty denominator scores nothing", () => {
    expect(scoreIndicator({ threshold: null, points: 6 }, { numerator: 1, denominator: 2 })).toEqual({
      rate: 0.5,
      score: 3,
    });
    expect(scoreIndicator({ threshold: null, points: 6 }, { numerator: 0, denominator: 0 })).toEqual({
      rate: null,
      score: null,
    });
  });
});

describe("the shipped indicator set", () => {
  const set = loadIndicatorSet();

  it("has the six groups of Decision 766 totalling 100 points", () => {
    expect(set.groups.map((g) => [g.id, g.points])).toEqual([
      ["transparency", 18],
      ["progress", 20],
      ["online-service", 12],
      ["online-payment", 10],
      ["digitisation", 22],
      ["satisfaction", 18],
    ]);
  });

  it("scores a unit by hand: group sums, points no indicator carries yet are reported, not invented", () => {
    const card = scorecard(
      set,
      new Map([
        ["1.4", { numerator: 90, denominator: 100 }], // 0.9 × 6 = 5.4
        ["2.1", { numerator: 3, denominator: 4 }], // 0.75 × 20 = 15
        ["4.2", { numerator: 40, denominator: 100 }], // 0.4 / 0.8 × 4 = 2
      ]),
    );
    const group = (id: string) => card.groups.find((g) => g.id === id);
    expect(group("transparency")).toMatchObject({ score: 5.4, unassigned: 12 });
    expect(group("progress")).toMatchObject({ score: 15, unassigned: 0 });
    expect(group("digitisation")?.score).toBeCloseTo(2, 10);
    expect(group("digitisation")?.unassigned).toBe(8);
    expect(card.total).toBeCloseTo(22.4, 10);
    expect(card.indicators.find((i) => i.id === "5.2")).toMatchObject({ rate: null, score: null });
  });

  it("refuses a set whose groups do not total 100 or whose indicators exceed their group", () => {
    const bad = { ...set, groups: set.groups.map((g) => (g.id === "progress" ? { ...g, points: 10 } : g)) };
    const r = indicatorSetSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join(" ")).toMatch(/tổng điểm các nhóm phải là 100/);
    expect(r.error?.issues.map((i) => i.message).join(" ")).toMatch(/vượt 10/);
  });
});

describe("period figures read only the running totals the store sums", () => {
  it("other measures in the running totals do not change any figure", async () => {
    const { emptyVector, MEASURES, periodFigures, RUNNING_BEFORE_START, RUNNING_THROUGH_END } = await import(
      "../../src/casework/kpi-facts/measures.ts"
    );
    const filled = () => {
      const v = emptyVector();
      MEASURES.forEach((m, i) => {
        v[m] = 1000 + i * 7;
      });
      return v;
    };
    const only = (v: ReturnType<typeof emptyVector>, keep: readonly string[]) => {
      const out = emptyVector();
      for (const m of keep) out[m as keyof typeof out] = v[m as keyof typeof v];
      return out;
    };
    const full = {
      inPeriod: filled(),
      beforeStart: filled(),
      throughEnd: filled(),
      catalogue: { inCompetence: 10, onlineCapable: 8 },
    };
    const trimmed = {
      ...full,
      beforeStart: only(full.beforeStart, RUNNING_BEFORE_START),
      throughEnd: only(full.throughEnd, RUNNING_THROUGH_END),
    };
    expect(periodFigures(trimmed)).toEqual(periodFigures(full));
  });
});
