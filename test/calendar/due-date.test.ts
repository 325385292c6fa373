import { describe, expect, it } from "vitest";
import { loadBundledCalendar } from "../../src/reference/calendar/calendar.loader.ts";
import type { DueInput, Duration } from "../../src/reference/calendar/calendar.types.ts";
import { computeDue } from "../../src/reference/calendar/due-date.ts";
import { explainDue } from "../../src/reference/calendar/explain.ts";
import { formatLocalIso } from "../../src/reference/calendar/local-time.ts";

const cal = loadBundledCalendar();
const days = (n: number): Duration => ({ kind: "working", minutes: n * 480 });
const hours = (n: number): Duration => ({ kind: "working", minutes: n * 60 });
const sameDay: Duration = { kind: "same-day", cutoff: "15:00" };

function due(received: string, duration: Duration, extra: Partial<DueInput> = {}): string {
  const r = computeDue(cal, { receivedAt: new Date(received), duration, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dueAt ? formatLocalIso(r.value.dueAt, 420) : "none";
}

function explain(received: string, duration: Duration, extra: Partial<DueInput> = {}) {
  const input = { receivedAt: new Date(received), duration, ...extra };
  const r = computeDue(cal, input);
  if (!r.ok) throw new Error(r.error.message);
  return explainDue(cal, input, r.value);
}

describe("working-day deadlines", () => {
  it("one working day from 09:00 Monday is 09:00 Tuesday", () => {
    expect(due("2026-01-12T09:00:00+07:00", days(1))).toBe("2026-01-13T09:00:00+07:00");
  });

  it("a deadline met exactly at a session's end is due at 11:30, not at 13:30", () => {
    expect(due("2026-01-12T07:00:00+07:00", hours(4.5))).toBe("2026-01-12T11:30:00+07:00");
  });

  it("receipt during the lunch break starts the clock at 13:30", () => {
    expect(due("2026-01-12T12:15:00+07:00", hours(1))).toBe("2026-01-12T14:30:00+07:00");
    expect(explain("2026-01-12T12:15:00+07:00", hours(1)).map((s) => s.code)).toContain(
      "clock-starts-next-session",
    );
  });

  it("evening receipt starts the clock at 07:00 the next working day", () => {
    expect(due("2026-01-12T19:40:00+07:00", days(1))).toBe("2026-01-13T17:00:00+07:00");
    const steps = explain("2026-01-12T19:40:00+07:00", days(1));
    expect(steps.find((s) => s.code === "clock-starts-next-session")?.vi).toContain(
      "Tiếp nhận sau giờ làm việc",
    );
  });

  it("a working Saturday (10 Jan 2026, làm bù) counts as a working day", () => {
    // Friday 9 Jan 09:00 + 1 day = Saturday 10 Jan 09:00, not Monday.
    expect(due("2026-01-09T09:00:00+07:00", days(1))).toBe("2026-01-10T09:00:00+07:00");
    expect(due("2026-01-09T09:00:00+07:00", days(2))).toBe("2026-01-12T09:00:00+07:00");
    const steps = explain("2026-01-08T09:00:00+07:00", days(3));
    expect(steps.find((s) => s.code === "working-day-counted")?.date).toBe("2026-01-10");
  });

  it("the swapped day off on 2 Jan 2026 and New Year's Day are skipped", () => {
    expect(due("2025-12-31T09:00:00+07:00", days(1))).toBe("2026-01-05T09:00:00+07:00");
  });

  it("the compensatory day off on 27 Apr 2026 (nghỉ bù Giỗ Tổ) is skipped", () => {
    // Friday 24 Apr 10:00 + 1 day: Sat, Sun, Mon 27 (compensatory) are off → Tuesday 28 Apr.
    expect(due("2026-04-24T10:00:00+07:00", days(1))).toBe("2026-04-28T10:00:00+07:00");
    const skipped = explain("2026-04-24T10:00:00+07:00", days(1)).filter((s) => s.code === "holiday-skipped");
    // Giỗ Tổ fell on Sunday 26 Apr, which is why Monday 27 is off.
    expect(skipped.map((s) => s.date)).toEqual(["2026-04-26", "2026-04-27"]);
    expect(skipped[1]?.vi).toContain("Nghỉ bù Giỗ Tổ Hùng Vương");
  });
});

describe("deadlines across Tết", () => {
  it("Tết 2024 (8–14 Feb) is skipped", () => {
    // Wed 7 Feb 2024 10:00 + 2 days: Thu 8 … Wed 14 off → Thu 15, Fri 16.
    expect(due("2024-02-07T10:00:00+07:00", days(2))).toBe("2024-02-16T10:00:00+07:00");
  });

  it("Tết 2025 (27–31 Jan) is skipped", () => {
    expect(due("2025-01-24T14:00:00+07:00", days(1))).toBe("2025-02-03T14:00:00+07:00");
  });

  it("Tết 2026 (16–20 Feb) is skipped and each day is named in the explanation", () => {
    expect(due("2026-02-13T08:00:00+07:00", days(3))).toBe("2026-02-25T08:00:00+07:00");
    const steps = explain("2026-02-13T08:00:00+07:00", days(3));
    const tet = steps.filter((s) => s.code === "holiday-skipped");
    expect(tet.map((s) => s.date)).toEqual([
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
    ]);
    expect(tet[1]?.vi).toContain("Mùng 1 Tết");
    expect(steps.find((s) => s.code === "weekends-skipped")?.vi).toBe("Bỏ qua 4 ngày nghỉ cuối tuần");
  });

  it("a dossier received on Mùng 1 Tết 2026 starts on the first working day after Tết", () => {
    expect(due("2026-02-17T09:00:00+07:00", hours(2))).toBe("2026-02-23T09:00:00+07:00");
    const start = explain("2026-02-17T09:00:00+07:00", hours(2)).find(
      (s) => s.code === "clock-starts-next-session",
    );
    expect(start?.vi).toContain("Mùng 1 Tết");
  });
});

describe("same-day procedures and the cut-off", () => {
  it("received before 15:00 on a working day is due at 17:00 that day", () => {
    expect(due("2026-03-10T14:59:00+07:00", sameDay)).toBe("2026-03-10T17:00:00+07:00");
  });

  it("received after 15:00 is due at the end of the next working day", () => {
    expect(due("2026-03-10T15:01:00+07:00", sameDay)).toBe("2026-03-11T17:00:00+07:00");
    expect(explain("2026-03-10T15:01:00+07:00", sameDay).find((s) => s.code === "cutoff")?.en).toContain(
      "after 15:00",
    );
  });

  it("received after 15:00 on a Friday before a holiday Monday rolls past the holiday", () => {
    // Fri 24 Apr 2026 16:00 → Mon 27 is compensatory → Tue 28 at 17:00.
    expect(due("2026-04-24T16:00:00+07:00", sameDay)).toBe("2026-04-28T17:00:00+07:00");
  });

  it("the cut-off is a parameter of the procedure, not a constant", () => {
    expect(due("2026-03-10T11:00:00+07:00", { kind: "same-day", cutoff: "10:30" })).toBe(
      "2026-03-11T17:00:00+07:00",
    );
  });
});

describe("calendar-day deadlines", () => {
  it("counting starts the next day and a period ending on a day off ends on the next working day", () => {
    // Received Mon 12 Jan 2026; 5 calendar days ends Sat 17 → Mon 19 at 17:00.
    expect(due("2026-01-12T09:00:00+07:00", { kind: "calendar", days: 5 })).toBe("2026-01-19T17:00:00+07:00");
    expect(explain("2026-01-12T09:00:00+07:00", { kind: "calendar", days: 5 }).map((s) => s.code)).toContain(
      "calendar-rollover",
    );
  });
});

describe("pauses", () => {
  it("a pause for supplements extends the due date by the paused working time", () => {
    const pauses = [
      { from: new Date("2026-03-10T09:00:00+07:00"), to: new Date("2026-03-11T09:00:00+07:00") },
    ];
    expect(due("2026-03-09T09:00:00+07:00", days(2))).toBe("2026-03-11T09:00:00+07:00");
    expect(due("2026-03-09T09:00:00+07:00", days(2), { pauses })).toBe("2026-03-12T09:00:00+07:00");
  });

  it("under the restart rule the full duration runs again from the resumption", () => {
    const pauses = [
      { from: new Date("2026-03-10T09:00:00+07:00"), to: new Date("2026-03-12T10:00:00+07:00") },
    ];
    expect(due("2026-03-09T09:00:00+07:00", days(2), { pauses, pauseRule: "restart" })).toBe(
      "2026-03-16T10:00:00+07:00",
    );
  });

  it("a pause that ends before it starts is refused", () => {
    const pauses = [
      { from: new Date("2026-03-11T09:00:00+07:00"), to: new Date("2026-03-10T09:00:00+07:00") },
    ];
    const r = computeDue(cal, {
      receivedAt: new Date("2026-03-09T09:00:00+07:00"),
      duration: days(2),
      pauses,
    });
    expect(r.ok ? "ok" : r.error.code).toBe("CALENDAR_BAD_PAUSE");
  });
});

describe("limits", () => {
  it("a procedure without a deadline has no due date", () => {
    expect(due("2026-03-09T09:00:00+07:00", { kind: "none" })).toBe("none");
  });

  it("a date outside the calendar is an error value, not an exception", () => {
    const r = computeDue(cal, { receivedAt: new Date("1990-01-01T09:00:00+07:00"), duration: days(1) });
    expect(r.ok ? "ok" : r.error.code).toBe("CALENDAR_OUT_OF_RANGE");
  });
});
