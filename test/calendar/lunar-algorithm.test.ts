import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lunarToSolar, tetDate } from "../../src/reference/calendar/lunar.ts";
import {
  jdFromDate,
  jdToDate,
  lunarToSolarDate,
  solarToLunar,
} from "../../src/reference/calendar/lunar-algorithm.ts";

const VN = 7;

describe("our lunar algorithm (Hồ Ngọc Đức, after Meeus), UTC+7", () => {
  it("puts Tết Nguyên đán 2020–2030 on the Vietnamese calendar's days", () => {
    const tet = {
      2020: "2020-01-25",
      2021: "2021-02-12",
      2022: "2022-02-01",
      2023: "2023-01-22",
      2024: "2024-02-10",
      2025: "2025-01-29",
      2026: "2026-02-17",
      2027: "2027-02-06",
      2028: "2028-01-26",
      2029: "2029-02-13",
      // The new moon falls at 23:07 on 2 Feb 2030 in Hà Nội, 00:07 on 3 Feb in Beijing: Vietnam's
      // Tết is a day before China's (as in 2007), so tables copied from the Chinese calendar say 3 Feb.
      2030: "2030-02-02",
    };
    for (const [year, date] of Object.entries(tet)) expect(tetDate(Number(year)), year).toBe(date);
  });

  it("puts Giỗ Tổ Hùng Vương (10/3 âm lịch) 2026 on 26 April", () => {
    expect(lunarToSolar(10, 3, 2026)).toBe("2026-04-26");
    expect(solarToLunar(26, 4, 2026, VN)).toEqual({ day: 10, month: 3, year: 2026, leap: false });
  });

  it("knows the leap months: 2nd in 2023, 6th in 2025, none in 2024", () => {
    expect(lunarToSolar(1, 2, 2023, true)).toBe("2023-03-22");
    expect(solarToLunar(22, 3, 2023, VN)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(21, 3, 2023, VN)).toEqual({ day: 30, month: 2, year: 2023, leap: false });
    expect(lunarToSolar(1, 6, 2025, true)).toBe("2025-07-25");
    expect(solarToLunar(25, 7, 2025, VN)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolarDate(1, 3, 2023, true, VN)).toBeNull();
    expect(lunarToSolarDate(1, 6, 2024, true, VN)).toBeNull();
    expect(() => lunarToSolar(1, 6, 2024, true)).toThrow(RangeError);
  });

  it("a solar date near New Year belongs to the previous lunar year's 11th/12th month", () => {
    expect(solarToLunar(1, 1, 2026, VN)).toEqual({ day: 13, month: 11, year: 2025, leap: false });
  });

  it("round-trips every day of 1800–2199, and gives the same table as the amlich package it replaced", () => {
    // The fingerprint was taken from amlich 0.0.2 (same algorithm) before it was removed.
    const hash = createHash("sha256");
    const bad: string[] = [];
    for (let jd = jdFromDate(1, 1, 1800); jd <= jdFromDate(31, 12, 2199); jd++) {
      const [d, m, y] = jdToDate(jd);
      const l = solarToLunar(d, m, y, VN);
      hash.update(`${l.year}-${l.month}${l.leap ? "L" : ""}-${l.day}\n`);
      const back = lunarToSolarDate(l.day, l.month, l.year, l.leap, VN);
      if (String(back) !== String([d, m, y]) && bad.length < 5) bad.push(`${y}-${m}-${d} → ${back}`);
    }
    expect(bad).toEqual([]);
    expect(hash.digest("hex")).toBe("80800c31d622afa2a44c075d1cd95430824cf26efe06905521298fd9a3ebaae9");
  });

  it("Julian Day Numbers: 1 Jan 2000 is 2451545; the Gregorian reform day follows 4 Oct 1582", () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdFromDate(15, 10, 1582) - jdFromDate(4, 10, 1582)).toBe(1);
    expect(jdToDate(2451545)).toEqual([1, 1, 2000]);
  });
});
