import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodPieces, piecesDays } from "../../src/oversight/kpi/period-pieces.ts";
import { epochDayOf, isoDateOf } from "../../src/reference/calendar/local-time.ts";

const START = epochDayOf("2024-01-01");
const SPAN = 3 * 366;

describe("period pieces (month rows and day rows)", () => {
  it("add up to exactly the days of the period, for any period and any data", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: SPAN, maxLength: SPAN }),
        fc.integer({ min: 0, max: SPAN - 1 }),
        fc.integer({ min: 1, max: SPAN }),
        (values, a, len) => {
          const b = Math.min(SPAN, a + len);
          const dayValue = (day: string) => values[epochDayOf(day) - START] ?? 0;
          const sumDays = (from: string, until: string) => {
            let s = 0;
            for (let d = epochDayOf(from); d < epochDayOf(until); d++) s += dayValue(isoDateOf(d));
            return s;
          };
          const from = isoDateOf(START + a);
          const until = isoDateOf(START + b);
          const pieces = periodPieces(from, until);
          // A month row holds the sum of its days.
          const total = pieces.reduce((s, p) => s + p.sign * sumDays(p.from, p.until), 0);
          expect(total).toBe(sumDays(from, until));
          for (const p of pieces.filter((x) => x.grain === "month"))
            expect(p.from.endsWith("-01")).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("read at most about half of each partial month from the day rows", () => {
    // This month so far, on the 28th: the month's row less the days still to come.
    expect(periodPieces("2026-11-01", "2026-11-29")).toEqual([
      { grain: "month", from: "2026-11-01", until: "2026-12-01", sign: 1 },
      { grain: "day", from: "2026-11-29", until: "2026-12-01", sign: -1 },
    ]);
    expect(periodPieces("2026-11-01", "2026-11-04")).toEqual([
      { grain: "day", from: "2026-11-01", until: "2026-11-04", sign: 1 },
    ]);
    expect(piecesDays(periodPieces("2021-12-01", "2026-11-28"))).toBe(3);
    expect(periodPieces("2026-01-01", "2027-01-01")).toEqual([
      { grain: "month", from: "2026-01-01", until: "2027-01-01", sign: 1 },
    ]);
    expect(periodPieces("2026-03-05", "2026-03-05")).toEqual([]);
  });
});
