import { z } from "zod";

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "giờ phải có dạng HH:MM")
  .describe("Local time of day, HH:MM (Asia/Ho_Chi_Minh)");

// A real calendar date: "2026-02-30" or month 24 is refused here, not by the database.
export const isoDate = z.iso
  .date({ error: "ngày phải là ngày có thật, dạng YYYY-MM-DD" })
  .refine((d) => d >= "1900-01-01" && d <= "2199-12-31", "năm phải từ 1900 đến 2199")
  .describe("Local calendar date, YYYY-MM-DD");

/** Buổi làm việc: one office session of a working day. */
export const sessionSchema = z
  .object({
    start: clockTime.describe("When the session opens"),
    end: clockTime.describe("When the session closes"),
  })
  .refine((s) => s.start < s.end, { message: "giờ kết thúc phải sau giờ bắt đầu" });

/** Where a special day came from; drives how much an official should trust it. */
export const dayKindSchema = z
  .enum(["statutory", "compensatory", "swap_day_off", "swap_work_day", "projected", "override", "pending"])
  .describe(
    "statutory holiday, compensatory day off (nghỉ bù), swapped day off (nghỉ hoán đổi), working Saturday (làm bù), projected from the lunar calendar, an administrator's override, or a pending change that does not count",
  );

/** A dated exception to the weekly pattern: a holiday, or a Saturday worked in exchange. */
export const specialDaySchema = z.object({
  date: isoDate,
  working: z.boolean().describe("true: counts as a working day even if the weekday is off (làm bù)"),
  kind: dayKindSchema,
  nameVi: z.string().min(1).describe("Name shown to Vietnamese users"),
  nameEn: z.string().min(1).describe("Name shown in English"),
  confidence: z
    .string()
    .default("confirmed")
    .describe("How sure the source is (confirmed, derived, projected…)"),
  source: z.string().default("").describe("Legal text or notice the date comes from"),
});

export const workCalendarConfigSchema = z
  .object({
    version: z
      .string()
      .min(1)
      .describe("Version label; a dossier keeps the calendar version it was timed with"),
    utcOffsetMinutes: z
      .number()
      .int()
      .default(420)
      .describe("Local offset from UTC; Vietnam has used UTC+7 without daylight saving since 1975"),
    sessions: z
      .array(sessionSchema)
      .min(1)
      .describe("Office sessions of a working day, in order; default 07:00–11:30 and 13:30–17:00"),
    workingWeekdays: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .describe("Weekdays that are working days, 0 = Sunday … 6 = Saturday; default Monday–Friday"),
    specialDays: z.array(specialDaySchema).describe("Holidays and swapped days, dated per year"),
    firstYear: z.number().int().min(1900).default(2000).describe("First year the engine can time"),
    lastYear: z.number().int().max(2200).default(2100).describe("Last year the engine can time"),
  })
  .superRefine((c, ctx) => {
    for (let i = 1; i < c.sessions.length; i++) {
      const prev = c.sessions[i - 1];
      const cur = c.sessions[i];
      if (prev && cur && cur.start < prev.end) {
        ctx.addIssue({ code: "custom", path: ["sessions", i], message: "các buổi làm việc chồng lên nhau" });
      }
    }
    if (c.firstYear > c.lastYear) {
      ctx.addIssue({ code: "custom", path: ["lastYear"], message: "năm cuối phải sau năm đầu" });
    }
  });

export type WorkCalendarConfig = z.infer<typeof workCalendarConfigSchema>;
export type WorkCalendarConfigInput = z.input<typeof workCalendarConfigSchema>;
export type SpecialDay = z.infer<typeof specialDaySchema>;

/** How a procedure's processing time (thời hạn giải quyết) is counted. */
export type Duration =
  | { kind: "working"; minutes: number }
  | { kind: "calendar"; days: number }
  | { kind: "same-day"; cutoff: string }
  | { kind: "none" };

/** A pause of the clock, e.g. while the applicant supplements the dossier (yêu cầu bổ sung). */
export interface Pause {
  from: Date;
  to: Date;
}

export interface DueInput {
  receivedAt: Date;
  duration: Duration;
  pauses?: Pause[];
  /** extend: paused working time is added; restart: the clock restarts at the last resumption. */
  pauseRule?: "extend" | "restart";
}

/** One line of the explanation, in both languages. */
export interface ExplanationStep {
  code: string;
  vi: string;
  en: string;
  date?: string;
}
