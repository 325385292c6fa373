import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

// Counted where the event happens (a route's hook, a worker's job), for the whole process: one
// registry however many servers a test builds; each scrape adds its server's own (metrics.service.ts).
export const processRegistry = new Registry();

const receptions = new Counter({
  name: "motcua_receptions_total",
  help: "Dossiers received and committed, by channel (in-person, online, post; DVCQG's pulled ones are online)",
  labelNames: ["channel"],
  registers: [processRegistry],
});

export const jobLastSuccess = new Gauge({
  name: "motcua_job_last_success_timestamp_seconds",
  help: "When a job last finished without error (Unix seconds): daily jobs from the database, periodic ones as this process ran them",
  labelNames: ["job"],
  registers: [processRegistry],
});

/** KenhThucHien → the label (a number would read as a quantity on a dashboard). */
const CHANNELS: Record<number, string> = { 1: "in-person", 2: "online", 3: "post" };

export function countReceptions(channel: 1 | 2 | 3, n = 1): void {
  if (n > 0) receptions.inc({ channel: CHANNELS[channel] ?? "other" }, n);
}

export function jobSucceeded(job: string, at = new Date()): void {
  jobLastSuccess.set({ job }, at.getTime() / 1000);
}

let defaults = false;
/** Node's own metrics (CPU, memory, event-loop delay), once per process. */
export function collectProcessDefaults(): void {
  if (defaults) return;
  defaults = true;
  collectDefaultMetrics({ register: processRegistry });
}
