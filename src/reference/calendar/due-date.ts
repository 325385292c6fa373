import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { calendarErrors } from "./calendar.errors.ts";
import type { DueInput } from "./calendar.types.ts";
import { isoDateOf, MS_PER_MINUTE, parseClock } from "./local-time.ts";
import type { WorkCalendar } from "./work-calendar.ts";

/** The computed appointment (ngày hẹn trả kết quả). */
export interface DueComputation {
  /** null when the procedure has no legal deadline. */
  dueAt: Date | null;
  /** When the clock started: the receipt, or the last resumption under the restart rule. */
  clockFrom: Date;
  /** Working time added for pauses, in ms. */
  pausedWorkingMs: number;
}

/**
 * When is a dossier received at `receivedAt` due? Pure and allocation-light: this runs for every
 * dossier, every step and every report.
 */
export function computeDue(cal: WorkCalendar, input: DueInput): Result<DueComputation, AppError> {
  const rangeError = checkRange(cal, input);
  if (rangeError) return err(rangeError);
  const pauses = input.pauses ?? [];
  const restart = input.pauseRule === "restart" && pauses.length > 0;
  const clockFrom = restart
    ? pauses.reduce((m, p) => Math.max(m, p.to.getTime()), 0)
    : input.receivedAt.getTime();
  const pausedWorkingMs = restart ? 0 : pausedWorkingTime(cal, input);
  try {
    const base = baseDue(cal, clockFrom, input.duration);
    if (base === null) return ok({ dueAt: null, clockFrom: new Date(clockFrom), pausedWorkingMs });
    const dueMs =
      pausedWorkingMs > 0 ? cal.instantAtWorkingTime(cal.workingTimeAt(base) + pausedWorkingMs) : base;
    return ok({ dueAt: new Date(dueMs), clockFrom: new Date(clockFrom), pausedWorkingMs });
  } catch {
    const when = isoDateOf(cal.localParts(clockFrom).day);
    return err(calendarErrors.outOfRange(when, yearOf(cal.firstDay), yearOf(cal.lastDay)));
  }
}

/** Due instant before pauses; throws RangeError past the calendar's end (caught by the caller). */
function baseDue(cal: WorkCalendar, clockFrom: number, duration: DueInput["duration"]): number | null {
  switch (duration.kind) {
    case "none":
      return null;
    case "working":
      return cal.instantAtWorkingTime(cal.workingTimeAt(clockFrom) + duration.minutes * MS_PER_MINUTE);
    case "same-day": {
      // Before the cut-off on a working day: end of that day; otherwise end of the next working day.
      const { day, msOfDay } = cal.localParts(clockFrom);
      const sameDay = cal.isWorkingDay(day) && msOfDay < parseClock(duration.cutoff);
      const dueDay = sameDay ? day : cal.nextWorkingDay(day + 1);
      return cal.instantOf(dueDay, cal.lastSessionEnd());
    }
    case "calendar": {
      // Civil Code 2015 Art. 147–148: counting starts the next day; a period ending on a day off
      // ends on the next working day.
      const { day } = cal.localParts(clockFrom);
      return cal.instantOf(cal.nextWorkingDay(day + duration.days), cal.lastSessionEnd());
    }
  }
}

function pausedWorkingTime(cal: WorkCalendar, input: DueInput): number {
  let total = 0;
  for (const p of input.pauses ?? [])
    total += cal.workingTimeAt(p.to.getTime()) - cal.workingTimeAt(p.from.getTime());
  return total;
}

function checkRange(cal: WorkCalendar, input: DueInput): AppError | null {
  // Loops, not arrays: this runs on every computation.
  const bad = instantError(cal, input.receivedAt);
  if (bad) return bad;
  for (const p of input.pauses ?? []) {
    const e = instantError(cal, p.from) ?? instantError(cal, p.to);
    if (e) return e;
    if (p.to.getTime() < p.from.getTime()) return calendarErrors.badPause("kết thúc trước khi bắt đầu");
    if (p.from.getTime() < input.receivedAt.getTime())
      return calendarErrors.badPause("bắt đầu trước khi tiếp nhận");
  }
  return null;
}

function instantError(cal: WorkCalendar, t: Date): AppError | null {
  const ms = t.getTime();
  if (Number.isNaN(ms)) return calendarErrors.badInstant(String(t));
  const { day } = cal.localParts(ms);
  // Keep a year of headroom after the receipt so long durations still fit.
  if (cal.covers(day) && cal.covers(day + 366)) return null;
  return calendarErrors.outOfRange(isoDateOf(day), yearOf(cal.firstDay), yearOf(cal.lastDay) - 1);
}

function yearOf(epochDay: number): number {
  return Number(isoDateOf(epochDay).slice(0, 4));
}
