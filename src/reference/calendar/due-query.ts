import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { ExplanationStep } from "./calendar.types.ts";
import { computeDue } from "./due-date.ts";
import { parseDuration, parseInstant } from "./duration.ts";
import { explainDue } from "./explain.ts";
import { formatLocalIso, MS_PER_MINUTE } from "./local-time.ts";
import type { WorkCalendar } from "./work-calendar.ts";

export interface DueQuery {
  received: string;
  duration: string;
  calendarDays?: boolean;
  sameDay?: boolean;
  cutoff?: string;
}

export interface DueAnswer {
  dueAt: string | null;
  explanation: ExplanationStep[];
  calendarVersion: string;
}

/** The question the CLI and the API both ask, from text input to an explained answer. */
export function dueQuery(cal: WorkCalendar, q: DueQuery): Result<DueAnswer, AppError> {
  const received = parseInstant(q.received);
  if (!received.ok) return received;
  const duration = parseDuration(q.duration, { ...q, minutesPerDay: cal.workMsPerDay / MS_PER_MINUTE });
  if (!duration.ok) return duration;
  const input = { receivedAt: received.value, duration: duration.value };
  const r = computeDue(cal, input);
  if (!r.ok) return err(r.error);
  const offset = cal.utcOffsetMs / MS_PER_MINUTE;
  return ok({
    dueAt: r.value.dueAt ? formatLocalIso(r.value.dueAt, offset) : null,
    explanation: explainDue(cal, input, r.value),
    calendarVersion: cal.version,
  });
}
