import { describe, expect, it } from "vitest";
import { type Figure, figure, regressions } from "../../bench/workload/results.store.ts";
import {
  arrivalsPerHour,
  HA_NAM_2024_DOSSIERS,
  inPreTetRush,
  NATIONAL,
  PROVINCE,
  peakHour,
  profileRates,
  shardOf,
  yearOfHours,
} from "../../bench/workload/workload-model.ts";

describe("the workload model (synthetic, calibrated)", () => {
  it("is calibrated on Hà Nam's 2024 figures and the national online rate", () => {
    expect(HA_NAM_2024_DOSSIERS).toBe(245_112); // 168,000 fully online = 68.54%
    expect(PROVINCE.channelMix.online).toBe(0.846);
    expect(NATIONAL.channelMix.online).toBe(0.3998);
  });

  it("spreads exactly the year's dossiers over its hours", () => {
    const total = yearOfHours(PROVINCE, 2027).reduce((s, h) => s + h.arrivals, 0);
    expect(total).toBeCloseTo(PROVINCE.dossiersPerYear, 0);
    expect(yearOfHours(PROVINCE, 2028)).toHaveLength(366 * 24);
  });

  it("has Monday peaks, a lunch dip, closed nights and Sundays, and the rush before Tết", () => {
    const at = (day: string, hour: number) => arrivalsPerHour(PROVINCE, day, hour);
    expect(at("2027-03-08", 9)).toBeGreaterThan(at("2027-03-12", 9)); // Monday > Friday
    expect(at("2027-03-08", 12)).toBeLessThan(at("2027-03-08", 10) / 3);
    expect(at("2027-03-08", 2)).toBe(0);
    expect(at("2027-03-14", 9)).toBe(0); // Sunday
    expect(inPreTetRush("2027-01-25", 3)).toBe(true); // Tết 2027 is 6 February
    expect(inPreTetRush("2027-03-01", 3)).toBe(false);
    expect(at("2027-01-25", 9) / at("2027-03-08", 9)).toBeCloseTo(PROVINCE.preTet.factor, 6);
    const peak = peakHour(PROVINCE, 2027);
    expect([new Date(`${peak.day}T00:00:00Z`).getUTCDay(), peak.hour, inPreTetRush(peak.day, 3)]).toEqual([
      1,
      9,
      true,
    ]);
  });

  it("scales to a national shard, and gives the rates a profile must sustain", () => {
    expect(shardOf(NATIONAL).dossiersPerYear).toBe(Math.round(100_000_000 / 34));
    const peak = profileRates("peak");
    const ordinary = profileRates("province");
    expect(peak.receptionsPerSec).toBeGreaterThan(ordinary.receptionsPerSec);
    expect(peak.transitionsPerSec).toBeCloseTo(peak.receptionsPerSec * PROVINCE.transitionsPerDossier, 9);
    // A merged province's busiest hour: about one reception a second.
    expect(peak.receptionsPerSec).toBeGreaterThan(0.5);
    expect(peak.receptionsPerSec).toBeLessThan(2);
  });
});

describe("the regression guard", () => {
  const f = (name: string, value: number, baseline: number): Figure =>
    figure({ name, value, unit: "1/s", goal: "", baseline, met: null });
  it("fails only when a ratio falls to under half of the baseline's", () => {
    const base = [f("reception", 700, 6000), f("lookup", 2000, 8000)];
    expect(regressions([f("reception", 400, 6000), f("lookup", 1100, 8000)], base)).toEqual([]);
    expect(regressions([f("reception", 300, 6000), f("lookup", 2000, 8000)], base)).toEqual([
      "reception: ratio 0.050 against 0.117 in the baseline",
    ]);
    // Times: lower is better, so the ratio is baseline / value; tails are not guarded.
    const slow = figure({
      name: "p99",
      value: 80,
      unit: "ms",
      goal: "",
      baseline: 5,
      met: null,
      lowerIsBetter: true,
    });
    expect(regressions([slow], [{ ...slow, ratio: 1 }])).toEqual([]);
    expect(
      figure({ name: "p99", value: 20, unit: "ms", goal: "", baseline: 5, met: null, lowerIsBetter: true })
        .ratio,
    ).toBe(0.25);
  });
});
