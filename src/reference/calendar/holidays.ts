import { parse } from "csv-parse/sync";
import { z } from "zod";
import {
  type SpecialDay,
  specialDaySchema,
  type WorkCalendarConfig,
  workCalendarConfigSchema,
} from "./calendar.types.ts";
import { projectedHolidays } from "./lunar.ts";

/** One row of data/calendar/vn_public_sector_holidays_2023_2027.csv. */
const holidayRowSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  year: z.coerce.number().int(),
  event_vi: z.string().min(1),
  event_en: z.string().min(1),
  kind: z.string(),
  public_sector_day_off: z.string(),
  confidence: z.string(),
  source: z.string(),
});

/**
 * Reads the transcribed holiday schedule. "TBD" days (an announced holiday whose exact date the
 * Prime Minister has not fixed) count as days off; "unknown" (a proposed holiday not yet law)
 * is kept for display only.
 */
export function holidaysFromCsv(csvText: string): SpecialDay[] {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, trim: true }) as unknown[];
  return rows.map((raw, i) => {
    const row = holidayRowSchema.safeParse(raw);
    if (!row.success) throw new Error(`holiday CSV row ${i + 2}: ${row.error.issues[0]?.message}`);
    const r = row.data;
    const off = r.public_sector_day_off;
    const kind =
      off === "unknown" ? "pending" : r.kind === "swap_work_day" ? "swap_work_day" : mapKind(r.kind);
    return specialDaySchema.parse({
      date: r.date,
      working: off.startsWith("no"),
      kind,
      nameVi: r.event_vi,
      nameEn: r.event_en,
      confidence: r.confidence,
      source: r.source,
    });
  });
}

function mapKind(kind: string): SpecialDay["kind"] {
  if (kind === "compensatory" || kind === "swap_day_off") return kind;
  return "statutory";
}

/** Data first; the lunar projection only fills years (or Tết windows) the data does not cover. */
export function withProjectedYears(data: SpecialDay[], firstYear: number, lastYear: number): SpecialDay[] {
  const byDate = new Map(data.map((d) => [d.date, d]));
  const years = new Set(data.map((d) => Number(d.date.slice(0, 4))));
  const out = [...data];
  for (let y = firstYear; y <= lastYear; y++) {
    const projected = projectedHolidays(y);
    if (!years.has(y)) {
      for (const p of projected) if (!byDate.has(p.date)) out.push(p);
      continue;
    }
    const tetDaysOff = data.filter(
      (d) => d.date.startsWith(`${y}`) && !d.working && /Tết Nguyên đán/.test(d.nameVi),
    );
    if (tetDaysOff.length >= 5) continue;
    for (const p of projected) if (/Tết Nguyên đán/.test(p.nameVi) && !byDate.has(p.date)) out.push(p);
  }
  return out;
}

export const DEFAULT_SESSIONS = [
  { start: "07:00", end: "11:30" },
  { start: "13:30", end: "17:00" },
];

/** The default Vietnamese public-sector calendar, validated. Admin overrides replace data days. */
export function buildCalendarConfig(opts: {
  dataDays: SpecialDay[];
  overrides?: SpecialDay[];
  sessions?: { start: string; end: string }[];
  version?: string;
  firstYear?: number;
  lastYear?: number;
}): WorkCalendarConfig {
  const firstYear = opts.firstYear ?? 2000;
  const lastYear = opts.lastYear ?? 2100;
  const base = withProjectedYears(opts.dataDays, firstYear, lastYear);
  const merged = new Map(base.map((d) => [d.date, d]));
  for (const o of opts.overrides ?? []) merged.set(o.date, o);
  return workCalendarConfigSchema.parse({
    version: opts.version ?? "vn-public-sector",
    sessions: opts.sessions ?? DEFAULT_SESSIONS,
    workingWeekdays: [1, 2, 3, 4, 5],
    specialDays: [...merged.values()].sort((a, b) => a.date.localeCompare(b.date)),
    firstYear,
    lastYear,
  });
}
