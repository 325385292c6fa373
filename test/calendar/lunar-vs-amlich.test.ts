// Temporary: our lunar algorithm agrees with the `amlich` package it replaces, day by day.
import amlich from "amlich";
import { describe, expect, it } from "vitest";
import {
  jdFromDate,
  jdToDate,
  lunarToSolarDate,
  solarToLunar,
} from "../../src/reference/calendar/lunar-algorithm.ts";

describe("lunar algorithm vs amlich, 1800–2199", () => {
  it("every day converts the same both ways", () => {
    const bad: string[] = [];
    for (let jd = jdFromDate(1, 1, 1800); jd <= jdFromDate(31, 12, 2199); jd++) {
      const [d, m, y] = jdToDate(jd);
      const ours = solarToLunar(d, m, y, 7);
      const [ld, lm, ly, ll] = amlich.convertSolar2Lunar(d, m, y, 7);
      if (ours.day !== ld || ours.month !== lm || ours.year !== ly || Number(ours.leap) !== ll)
        bad.push(`${y}-${m}-${d}: ${JSON.stringify(ours)} vs ${[ld, lm, ly, ll]}`);
      const back = amlich.convertLunar2Solar(ld, lm, ly, ll, 7);
      const oursBack = lunarToSolarDate(ours.day, ours.month, ours.year, ours.leap, 7);
      if (String(back) !== String(oursBack) || String(oursBack) !== String([d, m, y]))
        bad.push(`back ${y}-${m}-${d}: ${oursBack} vs ${back}`);
      if (bad.length > 10) break;
    }
    expect(bad).toEqual([]);
  });
});
