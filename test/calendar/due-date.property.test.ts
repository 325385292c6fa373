import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBundledCalendar } from "../../src/reference/calendar/calendar.loader.ts";
import { computeDue } from "../../src/reference/calendar/due-date.ts";

const cal = loadBundledCalendar();
const start = Date.parse("2023-01-01T00:00:00+07:00");
const end = Date.parse("2027-12-31T00:00:00+07:00");
const instant = fc.integer({ min: start, max: end }).map((ms) => new Date(ms - (ms % 60_000)));
const minutes = fc.integer({ min: 1, max: 60 * 480 });

function dueMs(receivedAt: Date, m: number): number {
  const r = computeDue(cal, { receivedAt, duration: { kind: "working", minutes: m } });
  if (!r.ok || !r.value.dueAt) throw new Error("no due date");
  return r.value.dueAt.getTime();
}

describe("working-time engine properties", () => {
  it("the due date is never on a day off, and always inside a session", () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        const { day, msOfDay } = cal.localParts(dueMs(t, m));
        expect(cal.isWorkingDay(day)).toBe(true);
        expect(cal.sessions.some(([a, b]) => msOfDay > a && msOfDay <= b)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("the due date is monotonic in the duration", () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(dueMs(t, lo)).toBeLessThanOrEqual(dueMs(t, hi));
      }),
      { numRuns: 2000 },
    );
  });

  it("adding d1 then d2 equals adding d1 + d2", () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, d1, d2) => {
        const afterD1 = new Date(dueMs(t, d1));
        expect(dueMs(afterD1, d2)).toBe(dueMs(t, d1 + d2));
      }),
      { numRuns: 2000 },
    );
  });

  it("the due date is later than the receipt", () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => dueMs(t, m) > t.getTime()),
      { numRuns: 2000 },
    );
  });
});
