import {
  isoDateOf,
  MS_PER_DAY,
  MS_PER_MINUTE,
  parseClock,
  VIETNAM_UTC_OFFSET_MINUTES,
} from "../../reference/calendar/local-time.ts";

// When a daily job is due. Pure: the runner (daily-jobs.ts) reads the state and claims the run.

/** What the database remembers of a job's last run (scheduled_job). */
export interface DailyRunState {
  /** The local day (YYYY-MM-DD) whose run was last claimed. */
  lastRunDay: string;
  lastStartedAt: Date;
  lastFinishedAt: Date | null;
}

/**
 * The local day of the latest scheduled moment at or before `now`: today's once today's time has
 * passed, yesterday's before it (a run missed yesterday is caught up before today's time comes).
 */
export function latestSlotDay(now: Date, at: string, utcOffsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  const local = now.getTime() + utcOffsetMinutes * MS_PER_MINUTE;
  const day = Math.floor(local / MS_PER_DAY);
  return isoDateOf(local - day * MS_PER_DAY >= parseClock(at) ? day : day - 1);
}

/**
 * The day whose run should start now, or null. Missed days are not replayed one by one: one run
 * catches up. A run claimed but not finished within `staleAfterMs` is taken over (its process died).
 * A failed run is not retried the same day: it is recorded, and tomorrow's runs.
 */
export function dueRunDay(
  now: Date,
  at: string,
  state: DailyRunState | null,
  staleAfterMs: number,
  utcOffsetMinutes = VIETNAM_UTC_OFFSET_MINUTES,
): string | null {
  const slot = latestSlotDay(now, at, utcOffsetMinutes);
  if (!state || state.lastRunDay < slot) return slot;
  const abandoned =
    state.lastRunDay === slot &&
    state.lastFinishedAt === null &&
    now.getTime() - state.lastStartedAt.getTime() >= staleAfterMs;
  return abandoned ? slot : null;
}
