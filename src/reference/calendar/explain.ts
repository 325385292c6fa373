import type { DueInput, ExplanationStep } from "./calendar.types.ts";
import type { DueComputation } from "./due-date.ts";
import {
  formatClock,
  isoDateOf,
  MS_PER_MINUTE,
  parseClock,
  vnDateOf,
  weekdayNameEn,
  weekdayNameVi,
} from "./local-time.ts";
import type { WorkCalendar } from "./work-calendar.ts";

/**
 * The steps that produced a due date, for the receipt, the tracking sheet and the API. Slower
 * than computeDue (it walks the days), so it runs only when someone asks.
 */
export function explainDue(cal: WorkCalendar, input: DueInput, result: DueComputation): ExplanationStep[] {
  const steps: ExplanationStep[] = [];
  const received = input.receivedAt.getTime();
  steps.push(at(cal, "received", "Tiếp nhận lúc", "Received at", received));
  const clockFrom = result.clockFrom.getTime();
  if (clockFrom !== received)
    steps.push(at(cal, "clock-restarted", "Tính lại thời hạn từ", "Clock restarted at", clockFrom));
  steps.push(describeDuration(input.duration, cal.workMsPerDay / MS_PER_MINUTE));
  if (input.duration.kind === "none" || result.dueAt === null) {
    steps.push(
      step("no-deadline", "Thủ tục không quy định thời hạn giải quyết.", "The procedure has no deadline."),
    );
    return steps;
  }
  const start = clockStart(cal, clockFrom);
  if (start.reasonVi) {
    steps.push({
      ...at(
        cal,
        "clock-starts-next-session",
        `${start.reasonVi}; bắt đầu tính từ`,
        `${start.reasonEn}; clock starts at`,
        start.at,
      ),
    });
  }
  if (input.duration.kind === "same-day") steps.push(cutoffStep(cal, start.at, input.duration.cutoff));
  const dueMs = result.dueAt.getTime();
  if (input.duration.kind !== "calendar") steps.push(...dayOffSteps(cal, start.at, dueMs));
  else steps.push(...calendarRollover(cal, clockFrom, input.duration.days, dueMs));
  for (const p of input.pauses ?? []) {
    if (input.pauseRule === "restart") continue;
    const minutes = Math.round(
      (cal.workingTimeAt(p.to.getTime()) - cal.workingTimeAt(p.from.getTime())) / MS_PER_MINUTE,
    );
    steps.push(
      step(
        "paused",
        `Tạm dừng từ ${stamp(cal, p.from.getTime())} đến ${stamp(cal, p.to.getTime())}: cộng thêm ${hours(minutes)} giờ làm việc`,
        `Paused from ${stamp(cal, p.from.getTime())} to ${stamp(cal, p.to.getTime())}: ${hours(minutes)} working hours added`,
      ),
    );
  }
  steps.push(at(cal, "due", "Hẹn trả kết quả lúc", "Due at", dueMs));
  return steps;
}

function describeDuration(d: DueInput["duration"], minutesPerDay: number): ExplanationStep {
  switch (d.kind) {
    case "working":
      return step(
        "duration",
        `Thời hạn ${trim(d.minutes / minutesPerDay)} ngày làm việc (${hours(d.minutes)} giờ làm việc)`,
        `Duration ${trim(d.minutes / minutesPerDay)} working days (${hours(d.minutes)} working hours)`,
      );
    case "calendar":
      return step("duration", `Thời hạn ${d.days} ngày theo lịch`, `Duration ${d.days} calendar days`);
    case "same-day":
      return step(
        "duration",
        `Giải quyết trong ngày, giờ chốt ${d.cutoff}`,
        `Same-day procedure, cut-off ${d.cutoff}`,
      );
    case "none":
      return step("duration", "Không quy định thời hạn", "No deadline");
  }
}

/** When the clock really starts, and why it is later than the receipt. */
function clockStart(
  cal: WorkCalendar,
  instant: number,
): { at: number; reasonVi?: string; reasonEn?: string } {
  const { day, msOfDay } = cal.localParts(instant);
  if (cal.isWorkingDay(day)) {
    for (const [a, b] of cal.sessions) {
      if (msOfDay >= a && msOfDay < b) return { at: instant };
      if (msOfDay < a) {
        const first = a === cal.sessions[0]?.[0];
        return {
          at: cal.instantOf(day, a),
          reasonVi: first ? "Tiếp nhận trước giờ làm việc" : "Tiếp nhận trong giờ nghỉ trưa",
          reasonEn: first ? "Received before office hours" : "Received during the lunch break",
        };
      }
    }
  }
  const next = cal.nextWorkingDay(day + 1);
  const firstSession = cal.sessions[0]?.[0] ?? 0;
  const off = !cal.isWorkingDay(day);
  return {
    at: cal.instantOf(next, firstSession),
    reasonVi: off ? `Tiếp nhận vào ngày nghỉ (${dayOffName(cal, day).vi})` : "Tiếp nhận sau giờ làm việc",
    reasonEn: off ? `Received on a day off (${dayOffName(cal, day).en})` : "Received after office hours",
  };
}

function cutoffStep(cal: WorkCalendar, start: number, cutoff: string): ExplanationStep {
  const { msOfDay } = cal.localParts(start);
  return msOfDay < parseClock(cutoff)
    ? step(
        "cutoff",
        `Tiếp nhận trước ${cutoff}: trả trong ngày`,
        `Received before ${cutoff}: due the same day`,
      )
    : step(
        "cutoff",
        `Tiếp nhận sau ${cutoff}: trả vào cuối ngày làm việc tiếp theo`,
        `Received after ${cutoff}: due at the end of the next working day`,
      );
}

/** Holidays skipped (by name), weekends skipped (counted), working Saturdays counted. */
function dayOffSteps(cal: WorkCalendar, fromMs: number, toMs: number): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  const first = cal.localParts(fromMs).day;
  const last = cal.localParts(toMs).day;
  let weekends = 0;
  for (let d = first + 1; d < last; d++) {
    const special = cal.specialDay(d);
    if (cal.isWorkingDay(d)) {
      if (special?.working) {
        const name = `${weekdayNameVi(d)} ${vnDateOf(d)}`;
        out.push({
          code: "working-day-counted",
          vi: `Tính ${name}: ${special.nameVi}`,
          en: `Counted ${weekdayNameEn(d)} ${isoDateOf(d)}: ${special.nameEn}`,
          date: isoDateOf(d),
        });
      }
    } else if (special && special.kind !== "pending") {
      out.push({
        code: "holiday-skipped",
        vi: `Bỏ qua ${weekdayNameVi(d)} ${vnDateOf(d)}: ${special.nameVi}`,
        en: `Skipped ${weekdayNameEn(d)} ${isoDateOf(d)}: ${special.nameEn}`,
        date: isoDateOf(d),
      });
    } else weekends++;
  }
  if (weekends > 0) {
    out.push(
      step("weekends-skipped", `Bỏ qua ${weekends} ngày nghỉ cuối tuần`, `Skipped ${weekends} weekend days`),
    );
  }
  return out;
}

function calendarRollover(cal: WorkCalendar, clockFrom: number, n: number, dueMs: number): ExplanationStep[] {
  const lastDay = cal.localParts(clockFrom).day + n;
  const dueDay = cal.localParts(dueMs).day;
  if (lastDay === dueDay) return [];
  const name = dayOffName(cal, lastDay);
  return [
    step(
      "calendar-rollover",
      `Ngày cuối ${vnDateOf(lastDay)} là ngày nghỉ (${name.vi}): chuyển sang ngày làm việc tiếp theo (Bộ luật Dân sự Điều 148)`,
      `The last day ${isoDateOf(lastDay)} is a day off (${name.en}): moved to the next working day (Civil Code Art. 148)`,
    ),
  ];
}

function dayOffName(cal: WorkCalendar, day: number): { vi: string; en: string } {
  const special = cal.specialDay(day);
  if (special && !special.working && special.kind !== "pending")
    return { vi: special.nameVi, en: special.nameEn };
  return { vi: `${weekdayNameVi(day)}, nghỉ cuối tuần`, en: `${weekdayNameEn(day)}, weekend` };
}

function at(cal: WorkCalendar, code: string, vi: string, en: string, instant: number): ExplanationStep {
  const { day } = cal.localParts(instant);
  return {
    code,
    vi: `${vi} ${stamp(cal, instant)}`,
    en: `${en} ${stampEn(cal, instant)}`,
    date: isoDateOf(day),
  };
}

function stamp(cal: WorkCalendar, instant: number): string {
  const { day, msOfDay } = cal.localParts(instant);
  return `${formatClock(msOfDay)} ${weekdayNameVi(day)} ${vnDateOf(day)}`;
}

function stampEn(cal: WorkCalendar, instant: number): string {
  const { day, msOfDay } = cal.localParts(instant);
  return `${formatClock(msOfDay)} ${weekdayNameEn(day)} ${isoDateOf(day)}`;
}

function step(code: string, vi: string, en: string): ExplanationStep {
  return { code, vi, en };
}

const hours = (minutes: number) => trim(minutes / 60);
const trim = (n: number) => String(Math.round(n * 100) / 100);
