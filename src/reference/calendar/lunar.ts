import type { SpecialDay } from "./calendar.types.ts";
import { epochDayOf, isoDateOf, weekdayOf } from "./local-time.ts";
import { lunarToSolarDate } from "./lunar-algorithm.ts";

/** Vietnam's calendar is computed at UTC+7; China's at UTC+8 differs in some years (Tết 2007). */
const VIETNAM_TZ = 7;

/** Solar date (YYYY-MM-DD) of a lunar date in the Vietnamese calendar. */
export function lunarToSolar(day: number, month: number, lunarYear: number, leap = false): string {
  const date = lunarToSolarDate(day, month, lunarYear, leap, VIETNAM_TZ);
  // Only leap months are asked for by a caller that knows the year has one; a wrong one is a bug.
  if (!date) throw new RangeError(`lunar year ${lunarYear} has no leap month ${month}`);
  const [d, m, y] = date;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Mùng 1 Tết of a lunar year. */
export function tetDate(lunarYear: number): string {
  return lunarToSolar(1, 1, lunarYear);
}

/**
 * Statutory public-sector days off for a year no notice covers yet (Labour Code 2019 Art. 112),
 * marked "projected" so officials know an administrator should confirm them. The Prime Minister
 * fixes the real Tết window and swaps every year; this only pre-fills.
 */
export function projectedHolidays(year: number): SpecialDay[] {
  const days: SpecialDay[] = [];
  const add = (date: string, nameVi: string, nameEn: string) =>
    days.push({
      date,
      working: false,
      kind: "projected",
      nameVi,
      nameEn,
      confidence: "projected",
      source: LAW,
    });
  add(`${year}-01-01`, "Tết Dương lịch", "New Year's Day");
  const tet = epochDayOf(tetDate(year));
  // Five days: New Year's Eve and the first four days of the lunar year.
  add(isoDateOf(tet - 1), "Tết Nguyên đán – Giao thừa", "Lunar New Year's Eve");
  for (let i = 0; i < 4; i++)
    add(isoDateOf(tet + i), `Tết Nguyên đán – Mùng ${i + 1}`, `Lunar New Year day ${i + 1}`);
  add(lunarToSolar(10, 3, year), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hung Kings' Commemoration");
  add(`${year}-04-30`, "Ngày Chiến thắng", "Reunification Day");
  add(`${year}-05-01`, "Ngày Quốc tế Lao động", "Labour Day");
  add(`${year}-09-02`, "Quốc khánh", "National Day");
  add(`${year}-09-03`, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)");
  return withCompensatoryDays(days);
}

/** A holiday on a weekend gives the next free weekday off (Labour Code Art. 111(3)). */
function withCompensatoryDays(days: SpecialDay[]): SpecialDay[] {
  const taken = new Set(days.map((d) => epochDayOf(d.date)));
  const extra: SpecialDay[] = [];
  for (const h of days) {
    const d = epochDayOf(h.date);
    if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) continue;
    let c = d + 1;
    while (weekdayOf(c) === 0 || weekdayOf(c) === 6 || taken.has(c)) c++;
    taken.add(c);
    extra.push({
      ...h,
      date: isoDateOf(c),
      nameVi: `Nghỉ bù ${h.nameVi}`,
      nameEn: `${h.nameEn} (compensatory)`,
    });
  }
  return [...days, ...extra];
}

const LAW = "Bộ luật Lao động 2019 Điều 112; ngày âm lịch tính theo lịch Việt Nam (UTC+7)";
