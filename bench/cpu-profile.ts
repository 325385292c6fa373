// Where a process's CPU went during a window, from a V8 .cpuprofile (node --cpu-prof).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

// Self time is put in the first bucket whose test matches the frame (function name, then URL).
const BUCKETS: [string, (f: ProfileNode["callFrame"]) => boolean][] = [
  ["idle (waiting for PostgreSQL or the network)", (f) => f.functionName === "(idle)"],
  [
    "socket writes (writev system calls)",
    (f) => f.functionName === "writev" || f.functionName === "writeUtf8String",
  ],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  ["pg driver (protocol, row parsing)", (f) => /node_modules\/(pg|pg-protocol|postgres-\w+)\//.test(f.url)],
  ["Kysely (query building)", (f) => /node_modules\/kysely\//.test(f.url)],
  [
    "zod (request and response schemas)",
    (f) => /node_modules\/(zod|fastify-type-provider-zod)\//.test(f.url),
  ],
  [
    "Fastify and its plugins",
    (f) => /node_modules\/(@fastify|fastify|helmet|find-my-way|light-my-request)/.test(f.url),
  ],
  ["motcua's own code", (f) => /\/src\//.test(f.url)],
  ["Node internals (HTTP, streams, events, timers)", (f) => f.url.startsWith("node:")],
];

/** The main thread's profile in `dir` (workers, such as tsx's loader, write smaller ones). */
function mainProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const main = files.find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
  if (!main) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, main), "utf8")) as CpuProfile;
}

/**
 * Milliseconds of main-thread time per bucket between two process.hrtime.bigint() readings of
 * the same machine (V8 stamps samples with the same monotonic clock, in microseconds).
 */
export function cpuBreakdown(dir: string, fromNs: bigint, toNs: bigint): { bucket: string; ms: number }[] {
  const p = mainProfile(dir);
  const from = Number(fromNs / 1000n);
  const to = Number(toNs / 1000n);
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from || t > to) return;
    const frame = byId.get(id);
    const bucket = (frame && BUCKETS.find(([, test]) => test(frame))?.[0]) ?? "other (native, compiled code)";
    totals.set(bucket, (totals.get(bucket) ?? 0) + dt / 1000);
  });
  return [...totals].map(([bucket, ms]) => ({ bucket, ms })).sort((a, b) => b.ms - a.ms);
}
