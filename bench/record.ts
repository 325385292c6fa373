// The figures a benchmark run records, for bench/results.json beside the prose of BENCHMARKS.md.
import { type Figure, figure } from "./workload/results.store.ts";

const recorded: Figure[] = [];

/** Records one figure (ratio computed as in results.store.ts) and returns it. */
export function record(f: Parameters<typeof figure>[0]): Figure {
  const made = figure(f);
  recorded.push(made);
  return made;
}

export const recordedFigures = (): readonly Figure[] => recorded;

export { machineDescription as machine } from "./workload/results.store.ts";

/** A data size for prose and figure names: 10 M, 10.0 M (not whole), 100 k, 2,500. */
export const size = (n: number) =>
  n >= 1e6
    ? `${(n / 1e6).toFixed(n % 1e6 ? 1 : 0)} M`
    : n >= 1e4
      ? `${(n / 1e3).toFixed(n % 1e3 ? 1 : 0)} k`
      : n.toLocaleString("en");

/** p50, p95 and p99 of a sample, in its unit. */
export function percentiles(sample: number[]) {
  const s = [...sample].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
