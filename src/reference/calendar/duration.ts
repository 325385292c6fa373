import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { calendarErrors } from "./calendar.errors.ts";
import type { Duration } from "./calendar.types.ts";

export const DEFAULT_SAME_DAY_CUTOFF = "15:00";

/**
 * Parses "3d", "0.5d" or "4h" into a Duration. A working day is the calendar's own day length
 * (8 h by default), so "1d" means one full day of sessions.
 */
export function parseDuration(
  text: string,
  opts: { calendarDays?: boolean; sameDay?: boolean; cutoff?: string; minutesPerDay: number },
): Result<Duration, AppError> {
  const cutoff = opts.cutoff ?? DEFAULT_SAME_DAY_CUTOFF;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff)) return err(calendarErrors.badCutoff(cutoff));
  if (opts.sameDay) return ok({ kind: "same-day", cutoff });
  const m = /^(\d+(?:\.\d+)?)\s*([dh])$/i.exec(text.trim());
  const amount = m ? Number(m[1]) : Number.NaN;
  if (!m || !(amount > 0)) return err(calendarErrors.badDuration(text));
  const unit = m[2]?.toLowerCase();
  if (opts.calendarDays) {
    if (unit !== "d" || !Number.isInteger(amount)) return err(calendarErrors.badDuration(text));
    return ok({ kind: "calendar", days: amount });
  }
  const minutes = unit === "d" ? amount * opts.minutesPerDay : amount * 60;
  return ok({ kind: "working", minutes: Math.round(minutes) });
}

/** ISO 8601 date-time with an explicit offset or Z; a bare local time is read as Vietnam time. */
export function parseInstant(text: string): Result<Date, AppError> {
  const t = text.trim();
  const full = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (!full) return err(calendarErrors.badInstant(text));
  const [y, mo, da] = t.slice(0, 10).split("-").map(Number);
  // Date would roll 30 Feb into March; an official typing it means a mistake.
  if (new Date(Date.UTC(y ?? 0, (mo ?? 0) - 1, da)).getUTCDate() !== da)
    return err(calendarErrors.badInstant(text));
  const withZone = full[3] ? t : `${t}+07:00`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? err(calendarErrors.badInstant(text)) : ok(d);
}
