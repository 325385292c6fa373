import type { SpecialDay, WorkCalendarConfig } from "./calendar.types.ts";
import { epochDayOf, MS_PER_DAY, MS_PER_MINUTE, parseClock, weekdayOf } from "./local-time.ts";

/**
 * A compiled working calendar: which local days are working days, and how much working time
 * lies before any instant. Pure: built from validated data, no I/O.
 *
 * Working time is a monotonic timeline W(t) in milliseconds. It is flat outside sessions, so
 * "receipt outside office hours starts at the next session" falls out of the arithmetic.
 */
export class WorkCalendar {
  readonly version: string;
  readonly utcOffsetMs: number;
  /** [start, end) of each session, ms since local midnight. */
  readonly sessions: ReadonlyArray<readonly [number, number]>;
  readonly workMsPerDay: number;
  readonly firstDay: number;
  readonly lastDay: number;
  private readonly working: Uint8Array;
  /** cumWorking[i] = working days strictly before firstDay + i. */
  private readonly cumWorking: Int32Array;
  private readonly special = new Map<number, SpecialDay>();

  constructor(config: WorkCalendarConfig) {
    this.version = config.version;
    this.utcOffsetMs = config.utcOffsetMinutes * MS_PER_MINUTE;
    this.sessions = config.sessions.map((s) => [parseClock(s.start), parseClock(s.end)] as const);
    this.workMsPerDay = this.sessions.reduce((sum, [a, b]) => sum + (b - a), 0);
    this.firstDay = epochDayOf(`${config.firstYear}-01-01`);
    this.lastDay = epochDayOf(`${config.lastYear}-12-31`);
    const span = this.lastDay - this.firstDay + 1;
    const weekdays = new Set(config.workingWeekdays);
    this.working = new Uint8Array(span);
    for (let i = 0; i < span; i++) this.working[i] = weekdays.has(weekdayOf(this.firstDay + i)) ? 1 : 0;
    for (const day of config.specialDays) {
      const d = epochDayOf(day.date);
      if (d < this.firstDay || d > this.lastDay) continue;
      this.special.set(d, day);
      if (day.kind !== "pending") this.working[d - this.firstDay] = day.working ? 1 : 0;
    }
    this.cumWorking = new Int32Array(span + 1);
    for (let i = 0; i < span; i++)
      this.cumWorking[i + 1] = (this.cumWorking[i] ?? 0) + (this.working[i] ?? 0);
  }

  covers(epochDay: number): boolean {
    return epochDay >= this.firstDay && epochDay <= this.lastDay;
  }

  isWorkingDay(epochDay: number): boolean {
    return this.working[epochDay - this.firstDay] === 1;
  }

  specialDay(epochDay: number): SpecialDay | undefined {
    return this.special.get(epochDay);
  }

  /** Local epoch day and ms of day of an instant. */
  localParts(instantMs: number): { day: number; msOfDay: number } {
    const local = instantMs + this.utcOffsetMs;
    const day = Math.floor(local / MS_PER_DAY);
    return { day, msOfDay: local - day * MS_PER_DAY };
  }

  instantOf(epochDay: number, msOfDay: number): number {
    return epochDay * MS_PER_DAY + msOfDay - this.utcOffsetMs;
  }

  /** Working ms of a working day that lie before msOfDay. */
  workedBefore(msOfDay: number): number {
    let worked = 0;
    for (const [a, b] of this.sessions) {
      if (msOfDay <= a) break;
      worked += Math.min(msOfDay, b) - a;
    }
    return worked;
  }

  /** W(t): working ms from the start of the covered range to the instant. */
  workingTimeAt(instantMs: number): number {
    const local = instantMs + this.utcOffsetMs;
    const day = Math.floor(local / MS_PER_DAY);
    const msOfDay = local - day * MS_PER_DAY;
    const i = day - this.firstDay;
    const before = (this.cumWorking[i] ?? 0) * this.workMsPerDay;
    return this.working[i] === 1 ? before + this.workedBefore(msOfDay) : before;
  }

  /**
   * The earliest instant at which W reaches `target` (> 0). A target met exactly at a session's
   * end is due at that end (11:30), not at the next session's start.
   */
  instantAtWorkingTime(target: number): number {
    const n = Math.ceil(target / this.workMsPerDay) - 1; // 0-based working day holding the target
    const remainder = target - n * this.workMsPerDay;
    const i = this.indexOfWorkingDay(n);
    let left = remainder;
    for (const [a, b] of this.sessions) {
      if (left <= b - a) return this.instantOf(this.firstDay + i, a + left);
      left -= b - a;
    }
    throw new RangeError("working time beyond the last session");
  }

  /** Index (from firstDay) of the n-th working day (0-based), by binary search on the prefix sums. */
  private indexOfWorkingDay(n: number): number {
    let lo = 0;
    let hi = this.working.length - 1;
    if (n < 0 || (this.cumWorking[this.working.length] ?? 0) <= n) throw new RangeError("outside calendar");
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumWorking[mid + 1] ?? 0) > n) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The first working day on or after epochDay. */
  nextWorkingDay(epochDay: number): number {
    let d = epochDay;
    while (!this.isWorkingDay(d)) {
      d++;
      if (d > this.lastDay) throw new RangeError("outside calendar");
    }
    return d;
  }

  lastSessionEnd(): number {
    return this.sessions[this.sessions.length - 1]?.[1] ?? 0;
  }
}
