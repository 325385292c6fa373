import type { Duration } from "../../reference/calendar/calendar.types.ts";
import { computeDue } from "../../reference/calendar/due-date.ts";
import { MS_PER_MINUTE } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";

/** Due instant of a duration started at `from`; null for no deadline or beyond the calendar. */
export function dueFrom(cal: WorkCalendar, from: Date, duration: Duration): Date | null {
  const r = computeDue(cal, { receivedAt: from, duration });
  return r.ok ? r.value.dueAt : null;
}

/** A step's deadline: its budget of working minutes from when it started. */
export function stepDue(cal: WorkCalendar, startedAt: Date, budgetMinutes: number): Date | null {
  return budgetMinutes > 0 ? dueFrom(cal, startedAt, { kind: "working", minutes: budgetMinutes }) : null;
}

/** Paper is forwarded the same working day, or the next if received after 15:00 [R]. */
export function forwardingDue(cal: WorkCalendar, receivedAt: Date): Date | null {
  return dueFrom(cal, receivedAt, { kind: "same-day", cutoff: "15:00" });
}

/** Working time between two instants, in ms. */
export function workingBetween(cal: WorkCalendar, from: Date, to: Date): number {
  return Math.max(0, cal.workingTimeAt(to.getTime()) - cal.workingTimeAt(from.getTime()));
}

/** A deadline moved later by working time (the clock was paused that long). */
export function extendedBy(cal: WorkCalendar, due: Date | null, workingMs: number): Date | null {
  if (!due || workingMs <= 0) return due;
  return new Date(cal.instantAtWorkingTime(cal.workingTimeAt(due.getTime()) + workingMs));
}

export const workingHours = (ms: number) => Math.round((ms / (60 * MS_PER_MINUTE)) * 100) / 100;

/** Due within one working day from now: the "due soon" colour of inboxes and the form 04 list. */
export function dueSoonHorizon(cal: WorkCalendar, now: Date): Date {
  return new Date(cal.instantAtWorkingTime(cal.workingTimeAt(now.getTime()) + cal.workMsPerDay));
}

/** Overdue and due-soon are derived from the deadline, never stored; only open dossiers have them. */
export function deadlineFlags(dueAt: Date | null, finishedAt: Date | null, now: Date, horizon: Date) {
  const open = dueAt !== null && finishedAt === null;
  return { overdue: open && now > dueAt, dueSoon: open && now <= dueAt && dueAt <= horizon };
}
