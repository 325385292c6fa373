// Local (Vietnam) date arithmetic on plain numbers: epoch days and milliseconds of the day.
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * MS_PER_MINUTE;
}

export function formatClock(msOfDay: number): string {
  const minutes = Math.floor(msOfDay / MS_PER_MINUTE);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Days since 1970-01-01 for a YYYY-MM-DD string. */
export function epochDayOf(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

export function isoDateOf(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function weekdayOf(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** dd/mm/yyyy, as Vietnamese officials write dates. */
export function vnDateOf(epochDay: number): string {
  const [y, m, d] = isoDateOf(epochDay).split("-");
  return `${d}/${m}/${y}`;
}

const WEEKDAYS_VI = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function weekdayNameVi(epochDay: number): string {
  return WEEKDAYS_VI[weekdayOf(epochDay)] ?? "";
}

export function weekdayNameEn(epochDay: number): string {
  return WEEKDAYS_EN[weekdayOf(epochDay)] ?? "";
}

/** Vietnam has used UTC+7 without daylight saving since 1975. */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

/** The calendar day (YYYY-MM-DD) an instant falls on in Vietnam: 00:10 on 1 April is April's. */
export const vnDay = (d: Date) =>
  new Date(d.getTime() + VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE).toISOString().slice(0, 10);

/** ISO 8601 in Vietnam time, as the API returns every moment; null stays null. */
export function vnIso(instant: Date): string;
export function vnIso(instant: Date | null): string | null;
export function vnIso(instant: Date | null): string | null {
  return instant ? formatLocalIso(instant, VIETNAM_UTC_OFFSET_MINUTES) : null;
}

/** ISO 8601 with the local offset, e.g. 2026-01-12T07:00:00+07:00. */
export function formatLocalIso(instant: Date, utcOffsetMinutes: number): string {
  const local = new Date(instant.getTime() + utcOffsetMinutes * MS_PER_MINUTE);
  const sign = utcOffsetMinutes >= 0 ? "+" : "-";
  const off = Math.abs(utcOffsetMinutes);
  return `${local.toISOString().slice(0, 19)}${sign}${pad2(Math.floor(off / 60))}:${pad2(off % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "09:30 ngày 12/01/2026", as forms print a moment. */
export function vnDateTime(instant: Date, utcOffsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  const local = new Date(instant.getTime() + utcOffsetMinutes * MS_PER_MINUTE);
  const [date, time] = local.toISOString().split("T");
  const [y, m, d] = (date ?? "").split("-");
  return `${(time ?? "").slice(0, 5)} ngày ${d}/${m}/${y}`;
}
