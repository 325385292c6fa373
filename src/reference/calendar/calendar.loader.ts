import { readFileSync } from "node:fs";
import { dataDir } from "../../kernel/config/paths.ts";
import type { SpecialDay } from "./calendar.types.ts";
import { buildCalendarConfig, holidaysFromCsv } from "./holidays.ts";
import { WorkCalendar } from "./work-calendar.ts";

export const HOLIDAYS_CSV = `${dataDir}calendar/vn_public_sector_holidays_2023_2027.csv`;

export function readHolidaysCsv(): string {
  return readFileSync(HOLIDAYS_CSV, "utf8");
}

/** The bundled national calendar, with optional administrator overrides. */
export function loadBundledCalendar(overrides: SpecialDay[] = []): WorkCalendar {
  return new WorkCalendar(buildCalendarConfig({ dataDays: holidaysFromCsv(readHolidaysCsv()), overrides }));
}
