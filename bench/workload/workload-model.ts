import { z } from "zod";
import { tetDate } from "../../src/reference/calendar/lunar.ts";
import { DEMO_RATES } from "../../src/tools/demo/simulate-dossier.ts";

/**
 * A province's year of work, as load: how many dossiers arrive, when, by which channel, and how
 * much reading and moving each brings. Synthetic, calibrated on the public figures below; used
 * by `npm run bench:load --` and SCALING.md. Every number is a parameter, not a constant in code.
 */

/** The public figures the model is calibrated on (DOMAIN.md §4, [V] there). */
export const CALIBRATION = {
  /** Hà Nam, 2024: 168,000 fully-online dossiers, 68.54% of its dossiers; 84.6% submitted online. */
  haNam2024: { fullyOnline: 168_000, fullyOnlineRate: 0.6854, onlineSubmissionRate: 0.846 },
  /** The whole country, October 2025: 39.98% of dossiers fully online. */
  nationalOct2025: { fullyOnlineRate: 0.3998 },
  /** 34 provinces since 1 July 2025. */
  provinces: 34,
} as const;

/** Hà Nam's dossiers in 2024, from its fully-online count and rate (about 245,000). */
export const HA_NAM_2024_DOSSIERS = Math.round(
  CALIBRATION.haNam2024.fullyOnline / CALIBRATION.haNam2024.fullyOnlineRate,
);

export const workloadSchema = z.object({
  name: z.string(),
  dossiersPerYear: z.number().int().positive().describe("Dossiers received in a year"),
  channelMix: z
    .object({ online: z.number(), inPerson: z.number(), post: z.number() })
    .refine((m) => Math.abs(m.online + m.inPerson + m.post - 1) < 1e-9, "the channel mix must sum to 1")
    .describe("Share of dossiers by KenhThucHien"),
  rates: z
    .object({
      supplement: z.number().min(0).max(1),
      late: z.number().min(0).max(1),
      withdrawn: z.number().min(0).max(1),
      refusedAtDesk: z.number().min(0).max(1),
    })
    .describe("Paths a dossier takes (the demo generator's rates)"),
  transitionsPerDossier: z.number().positive().describe("Journal entries a dossier makes on average"),
  lookupsPerDossier: z
    .number()
    .nonnegative()
    .describe("Reads of one dossier by code (officials and citizens)"),
  inboxViewsPerTransition: z.number().nonnegative().describe("Inbox pages an official opens per move"),
  files: z.object({
    perDossier: z.number().nonnegative(),
    medianKb: z.number().positive(),
    p95Kb: z.number().positive(),
  }),
  /** Mon..Sun multipliers of an average working day (Saturday and Sunday mostly closed). */
  weekday: z.array(z.number().nonnegative()).length(7),
  /** 24 hourly shares of a working day's arrivals (office sessions, the lunch dip). */
  hourly: z.array(z.number().nonnegative()).length(24),
  preTet: z.object({ weeks: z.number().int().min(0).max(8), factor: z.number().min(1) }),
});
export type Workload = z.infer<typeof workloadSchema>;

// Office hours 07:00-11:30 and 13:30-17:00, busiest mid-morning, a dip at lunch (sums to 1).
const HOURLY = [
  0, 0, 0, 0, 0, 0, 0.005, 0.09, 0.15, 0.16, 0.13, 0.07, 0.02, 0.03, 0.11, 0.11, 0.09, 0.03, 0.005, 0, 0, 0,
  0, 0,
];

/** A merged province (~3 M dossiers a year; the figure [S]), channels as Hà Nam's 2024. */
export const PROVINCE: Workload = workloadSchema.parse({
  name: "province",
  dossiersPerYear: 3_000_000,
  channelMix: { online: 0.846, inPerson: 0.144, post: 0.01 },
  rates: {
    supplement: DEMO_RATES.supplement,
    late: DEMO_RATES.late,
    withdrawn: DEMO_RATES.withdrawn,
    refusedAtDesk: DEMO_RATES.refusedAtDesk,
  },
  transitionsPerDossier: 6,
  lookupsPerDossier: 4,
  inboxViewsPerTransition: 1.5,
  files: { perDossier: 3, medianKb: 350, p95Kb: 2_500 },
  weekday: [1.3, 1.05, 1.0, 0.95, 0.9, 0.3, 0],
  hourly: HOURLY,
  preTet: { weeks: 3, factor: 1.6 },
});

/** The country (~100 M a year), split into one motcua per province: one shard's share. */
export const NATIONAL: Workload = workloadSchema.parse({
  ...PROVINCE,
  name: "national",
  dossiersPerYear: 100_000_000,
  channelMix: { online: 0.3998, inPerson: 0.5902, post: 0.01 },
});

const dayOfWeek = (isoDay: string) => (new Date(`${isoDay}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0

/** Whether a Vietnam calendar day falls in the rush before Tết (the weeks before the lunar new year). */
export function inPreTetRush(isoDay: string, weeks: number): boolean {
  const year = Number(isoDay.slice(0, 4));
  const day = Date.parse(`${isoDay}T00:00:00Z`);
  return [year, year + 1].some((y) => {
    const tet = Date.parse(`${tetDate(y)}T00:00:00Z`);
    return day < tet && tet - day <= weeks * 7 * 86_400_000;
  });
}

/** A day's weight: its weekday, raised in the rush before Tết. */
function dayWeight(w: Workload, isoDay: string): number {
  const rush = inPreTetRush(isoDay, w.preTet.weeks) ? w.preTet.factor : 1;
  return (w.weekday[dayOfWeek(isoDay)] ?? 0) * rush;
}

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

/** Dossiers per unit of day weight in a year, so that the year's days sum to dossiersPerYear. */
export function perDayWeight(w: Workload, year: number): number {
  return w.dossiersPerYear / daysOf(year).reduce((sum, d) => sum + dayWeight(w, d), 0);
}

/**
 * Dossiers expected to arrive in one hour of a day (Vietnam time): the year's total spread by
 * weekday, hour of the day and the pre-Tết rush.
 */
export function arrivalsPerHour(
  w: Workload,
  isoDay: string,
  hour: number,
  base = perDayWeight(w, Number(isoDay.slice(0, 4))),
): number {
  return base * dayWeight(w, isoDay) * (w.hourly[hour] ?? 0);
}

/** Every hour of a year, for the paper estimate and the tests (8,760 or 8,784 values). */
export function yearOfHours(w: Workload, year: number): { day: string; hour: number; arrivals: number }[] {
  const base = perDayWeight(w, year);
  return daysOf(year).flatMap((day) =>
    w.hourly.map((_, hour) => ({ day, hour, arrivals: arrivalsPerHour(w, day, hour, base) })),
  );
}

/** The rates a system must sustain in an hour, per second. */
export interface LoadRates {
  receptionsPerSec: number;
  transitionsPerSec: number;
  lookupsPerSec: number;
  inboxPerSec: number;
  uploadMbPerSec: number;
}

export function ratesFor(w: Workload, arrivalsInHour: number): LoadRates {
  const r = arrivalsInHour / 3600;
  const transitions = r * w.transitionsPerDossier;
  return {
    receptionsPerSec: r,
    transitionsPerSec: transitions,
    lookupsPerSec: r * w.lookupsPerDossier,
    inboxPerSec: transitions * w.inboxViewsPerTransition,
    uploadMbPerSec: (r * w.files.perDossier * w.files.medianKb) / 1024,
  };
}

/** The busiest hour of a year: Monday mid-morning in the rush before Tết. */
export function peakHour(w: Workload, year = 2027): { day: string; hour: number; arrivals: number } {
  return yearOfHours(w, year).reduce((best, h) => (h.arrivals > best.arrivals ? h : best));
}

/** One province's share of the national load (the national-shard profile). */
export function shardOf(w: Workload, shards: number = CALIBRATION.provinces): Workload {
  return { ...w, name: `${w.name}-shard`, dossiersPerYear: Math.round(w.dossiersPerYear / shards) };
}

/** The profiles `npm run bench:load --` runs: an average busy hour, the year's peak hour, a national shard's peak. */
export function profileRates(
  profile: "province" | "peak" | "national-shard",
): LoadRates & { workload: string } {
  if (profile === "province") {
    const avg = PROVINCE.dossiersPerYear / 250 / 8; // an ordinary office hour of ~250 working days
    return { ...ratesFor(PROVINCE, avg), workload: PROVINCE.name };
  }
  const w = profile === "peak" ? PROVINCE : shardOf(NATIONAL);
  return { ...ratesFor(w, peakHour(w).arrivals), workload: w.name };
}
