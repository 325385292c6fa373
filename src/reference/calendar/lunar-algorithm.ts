// The Vietnamese lunisolar calendar, computed. Written for motcua from the published description
// of Hồ Ngọc Đức, "Thuật toán tính âm lịch" (https://www.informatik.uni-leipzig.de/~duc/amlich/
// calrules.html), whose astronomy (new moons, the sun's longitude) follows Jean Meeus,
// "Astronomical Algorithms" (1998). Rules: a month starts on the day (local time) of a new moon;
// month 11 holds the winter solstice; a year of 13 months makes the first month without a
// principal term (a multiple of 30° of solar longitude) the leap month. Accurate for 1800–2199.

/** Julian Day Number of noon on a Gregorian date (Julian calendar before 15 Oct 1582). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const common = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4);
  const jd = common - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  return jd < 2299161 ? common - 32083 : jd;
}

/** The [day, month, year] of a Julian Day Number. */
export function jdToDate(jd: number): [number, number, number] {
  let b = 0;
  let c = jd + 32082;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((146097 * b) / 4);
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  return [day, month, 100 * b + d - 4800 + Math.floor(m / 10)];
}

const RAD = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * RAD);

/** Julian date (UT) of the k-th new moon after 1 Jan 1900 (Meeus, ch. 49, shortened series). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * sin(166.56 + 132.87 * t - 0.009173 * t2);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's anomaly
  const mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's anomaly
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's latitude arg.
  let c = (0.1734 - 0.000393 * t) * sin(m) + 0.0021 * sin(2 * m);
  c += -0.4068 * sin(mp) + 0.0161 * sin(2 * mp) - 0.0004 * sin(3 * mp);
  c += 0.0104 * sin(2 * f) - 0.0051 * sin(m + mp) - 0.0074 * sin(m - mp);
  c += 0.0004 * sin(2 * f + m) - 0.0004 * sin(2 * f - m) - 0.0006 * sin(2 * f + mp);
  c += 0.001 * sin(2 * f - mp) + 0.0005 * sin(2 * mp + m);
  // ΔT (terrestrial minus universal time), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - deltaT;
}

/** Julian Day Number of the local day of the k-th new moon. */
export function getNewMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** The sun's apparent longitude in radians, [0, 2π), at a Julian date (Meeus, ch. 25, low precision). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const dl =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * sin(m) +
    (0.019993 - 0.000101 * t) * sin(2 * m) +
    0.00029 * sin(3 * m);
  const l = (l0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Which of the 12 principal-term sectors (0..11, 30° each) the sun is in at the start of a local day. */
export function getSunLongitude(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Days per mean synodic month; the epoch is the new moon of 1 Jan 1900. */
const SYNODIC = 29.530588853;
const EPOCH = 2415021.076998695;

/** Julian Day Number of the first day of lunar month 11 (the solstice month) ending a solar year. */
export function getLunarMonth11(year: number, timeZone: number): number {
  const k = Math.floor((jdFromDate(31, 12, year) - 2415021) / SYNODIC);
  const start = getNewMoonDay(k, timeZone);
  // Sector 9 begins at 270°, the winter solstice: if reached, the month began too late.
  return getSunLongitude(start, timeZone) >= 9 ? getNewMoonDay(k - 1, timeZone) : start;
}

/** In a 13-month year from month 11 at a11: how many months after it the leap month falls. */
export function getLeapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - EPOCH) / SYNODIC + 0.5);
  let i = 1;
  let arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** The lunar date of a Gregorian date. */
export function solarToLunar(day: number, month: number, year: number, timeZone: number): LunarDate {
  const dayNumber = jdFromDate(day, month, year);
  const k = Math.floor((dayNumber - EPOCH) / SYNODIC);
  let monthStart = getNewMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = getNewMoonDay(k, timeZone);
  let a11 = getLunarMonth11(year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = getLunarMonth11(year - 1, timeZone);
  } else {
    lunarYear = year + 1;
    b11 = getLunarMonth11(year + 1, timeZone);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let lunarMonth = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = getLeapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, leap };
}

/** The Gregorian [day, month, year] of a lunar date, or null if that year has no such leap month. */
export function lunarToSolarDate(
  day: number,
  month: number,
  year: number,
  leap: boolean,
  timeZone: number,
): [number, number, number] | null {
  const [a11, b11] =
    month < 11
      ? [getLunarMonth11(year - 1, timeZone), getLunarMonth11(year, timeZone)]
      : [getLunarMonth11(year, timeZone), getLunarMonth11(year + 1, timeZone)];
  const k = Math.floor(0.5 + (a11 - EPOCH) / SYNODIC);
  let offset = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOffset = getLeapMonthOffset(a11, timeZone);
    const leapMonth = (leapOffset - 2 + 12) % 12;
    if (leap && month !== leapMonth) return null;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return null;
  }
  return jdToDate(getNewMoonDay(k + offset, timeZone) + day - 1);
}
