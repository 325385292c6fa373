import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueRunDay, latestSlotDay } from "../../src/app/workers/daily-jobs-due.ts";
import { vnDay } from "../../src/reference/calendar/local-time.ts";

const at = (iso: string) => new Date(iso);
const HOUR = 3600_000;
const STALE = 3 * HOUR;
const done = (day: string, started = `${day}T01:00:00+07:00`) => ({
  lastRunDay: day,
  lastStartedAt: at(started),
  lastFinishedAt: at(started),
});

describe("when a daily job at 01:00 Vietnam time is due", () => {
  it("the slot is the Vietnam day, not the UTC one: 00:30 +07:00 is still the previous day's slot", () => {
    // 17:30 UTC on 9 March is 00:30 on 10 March in Vietnam: 10 March's 01:00 has not come yet.
    expect(latestSlotDay(at("2026-03-09T17:30:00Z"), "01:00")).toBe("2026-03-09");
    // 18:00 UTC is 01:00 in Vietnam: the slot starts on the minute.
    expect(latestSlotDay(at("2026-03-09T18:00:00Z"), "01:00")).toBe("2026-03-10");
    expect(latestSlotDay(at("2026-03-09T17:59:59.999Z"), "01:00")).toBe("2026-03-09");
  });

  it("a job at 23:30 is the same day's until midnight passes, then still yesterday's until 23:30", () => {
    expect(latestSlotDay(at("2026-03-10T23:45:00+07:00"), "23:30")).toBe("2026-03-10");
    expect(latestSlotDay(at("2026-03-11T00:05:00+07:00"), "23:30")).toBe("2026-03-10");
    expect(latestSlotDay(at("2026-03-11T23:29:00+07:00"), "23:30")).toBe("2026-03-10");
  });

  it("a job at 00:00 runs on the new day from midnight", () => {
    expect(latestSlotDay(at("2026-12-31T23:59:59+07:00"), "00:00")).toBe("2026-12-31");
    expect(latestSlotDay(at("2027-01-01T00:00:00+07:00"), "00:00")).toBe("2027-01-01");
  });

  it("never run before: due at once, for the latest slot", () => {
    expect(dueRunDay(at("2026-03-10T14:00:00+07:00"), "01:00", null, STALE)).toBe("2026-03-10");
    expect(dueRunDay(at("2026-03-10T00:30:00+07:00"), "01:00", null, STALE)).toBe("2026-03-09");
  });

  it("a process started after 01:00 whose day's run is not recorded catches up now", () => {
    const state = done("2026-03-09");
    expect(dueRunDay(at("2026-03-10T08:15:00+07:00"), "01:00", state, STALE)).toBe("2026-03-10");
  });

  it("before 01:00 with yesterday's run recorded: not due; at 01:00: due", () => {
    const state = done("2026-03-09");
    expect(dueRunDay(at("2026-03-10T00:59:00+07:00"), "01:00", state, STALE)).toBeNull();
    expect(dueRunDay(at("2026-03-10T01:00:00+07:00"), "01:00", state, STALE)).toBe("2026-03-10");
  });

  it("today's run recorded, finished or failed: not due again today", () => {
    expect(dueRunDay(at("2026-03-10T23:59:00+07:00"), "01:00", done("2026-03-10"), STALE)).toBeNull();
  });

  it("missed days are caught up by one run for the latest slot, not replayed", () => {
    const state = done("2026-03-01");
    expect(dueRunDay(at("2026-03-10T09:00:00+07:00"), "01:00", state, STALE)).toBe("2026-03-10");
    // Down from before yesterday's 01:00 until 00:30 today: yesterday's run is made up now.
    expect(dueRunDay(at("2026-03-10T00:30:00+07:00"), "01:00", state, STALE)).toBe("2026-03-09");
  });

  it("a run claimed but unfinished is taken over only once it is stale (its process died)", () => {
    const running = {
      lastRunDay: "2026-03-10",
      lastStartedAt: at("2026-03-10T01:00:00+07:00"),
      lastFinishedAt: null,
    };
    expect(dueRunDay(at("2026-03-10T03:59:00+07:00"), "01:00", running, STALE)).toBeNull();
    expect(dueRunDay(at("2026-03-10T04:00:00+07:00"), "01:00", running, STALE)).toBe("2026-03-10");
  });

  it("whatever the moment, once the day's run is recorded nothing is due until the next 01:00", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 * 60 }), (minutes) => {
        const now = new Date(Date.parse("2026-01-01T00:00:00+07:00") + minutes * 60_000);
        const day = dueRunDay(now, "01:00", null, STALE);
        expect(day).toBe(latestSlotDay(now, "01:00"));
        const state = { lastRunDay: day as string, lastStartedAt: now, lastFinishedAt: now };
        expect(dueRunDay(now, "01:00", state, STALE)).toBeNull();
        // The next run is due on the next local day's 01:00, exactly.
        const next = new Date(Date.parse(`${day}T01:00:00+07:00`) + 24 * HOUR);
        expect(dueRunDay(new Date(next.getTime() - 1), "01:00", state, STALE)).toBeNull();
        expect(dueRunDay(next, "01:00", state, STALE)).toBe(vnDay(next));
      }),
    );
  });
});
