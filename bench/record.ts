// The figures a benchmark run records, for bench/results.json beside the prose of BENCHMARKS.md.
import { cpus, totalmem } from "node:os";
import { type Figure, figure } from "../src/workload/results.store.ts";

const recorded: Figure[] = [];

/** Records one figure (ratio computed as in results.store.ts) and returns it. */
export function record(f: Parameters<typeof figure>[0]): Figure {
  const made = figure(f);
  recorded.push(made);
  return made;
}

export const recordedFigures = (): readonly Figure[] => recorded;

export const machine = () =>
  `${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`;

/** p50, p95 and p99 of a sample, in its unit. */
export function percentiles(sample: number[]) {
  const s = [...sample].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
