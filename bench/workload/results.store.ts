import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

/** The machine a figure was measured on, as results files and BENCHMARKS.md name it. */
export const machineDescription = () =>
  `${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`;

/** One benchmark figure, as bench/results.json holds it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal in words, e.g. ">= 1000/s" or "p99 < 10 ms"; empty when the issue sets none. */
  goal: string;
  /** The bare-stack figure it is compared with, in the same unit, or null. */
  baseline: number | null;
  /** value / baseline (for times, baseline / value: higher is always better); null without one. */
  ratio: number | null;
  met: boolean | null;
}

export function figure(f: Omit<Figure, "ratio"> & { lowerIsBetter?: boolean }): Figure {
  const { lowerIsBetter, ...rest } = f;
  const ratio = f.baseline && f.value ? (lowerIsBetter ? f.baseline / f.value : f.value / f.baseline) : null;
  return { ...rest, ratio: ratio === null ? null : Number(ratio.toFixed(4)) };
}

/** Writes the figures into a results file, replacing those of the same name and keeping the rest. */
export function upsertResults(path: string, meta: Record<string, unknown>, figures: Figure[]): void {
  const old = existsSync(path)
    ? (JSON.parse(readFileSync(path, "utf8")) as { figures?: Figure[] })
    : { figures: [] };
  const names = new Set(figures.map((f) => f.name));
  const kept = (old.figures ?? []).filter((f) => !names.has(f.name));
  writeFileSync(path, `${JSON.stringify({ ...meta, figures: [...kept, ...figures] }, null, 2)}\n`);
}

/**
 * Throughput figures whose ratio fell by more than `tolerance` (0.5: to under half) against a
 * baseline run. Latency percentiles are reported but not guarded: a tail in whole milliseconds
 * over a few seconds moves too much between runs to fail a build on.
 */
export function regressions(current: Figure[], baseline: Figure[], tolerance = 0.5): string[] {
  const before = new Map(baseline.map((f) => [f.name, f]));
  return current.flatMap((f) => {
    const b = before.get(f.name);
    if (f.unit === "ms" || f.ratio === null || !b || b.ratio === null) return [];
    return f.ratio < b.ratio * (1 - tolerance)
      ? [`${f.name}: ratio ${f.ratio.toFixed(3)} against ${b.ratio.toFixed(3)} in the baseline`]
      : [];
  });
}
