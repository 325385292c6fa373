// Due-date computations per second on one core, beside the bare loop that adds wall-clock minutes.
import { loadBundledCalendar } from "../src/reference/calendar/calendar.loader.ts";
import type { Duration } from "../src/reference/calendar/calendar.types.ts";
import { computeDue } from "../src/reference/calendar/due-date.ts";
import { record } from "./record.ts";

export function dueDateThroughput(n = 2_000_000) {
  const cal = loadBundledCalendar();
  const base = Date.parse("2024-01-01T00:00:00+07:00");
  // Varied inputs: receipts spread over three years at any minute, durations from 1 hour to 30 days.
  const received = new Float64Array(4096).map(
    (_, i) => base + ((i * 7919 * 60_000) % (3 * 365 * 86_400_000)),
  );
  const durations: Duration[] = Array.from({ length: 4096 }, (_, i) => ({
    kind: "working",
    minutes: 60 + ((i * 131) % (30 * 480)),
  }));
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = computeDue(cal, {
      receivedAt: new Date(received[i & 4095] ?? 0),
      duration: durations[i & 4095] as Duration,
    });
    if (r.ok && r.value.dueAt) sink += (r.value.dueAt.getTime() / 60_000) % 7;
  }
  const motcuaSec = Number(process.hrtime.bigint() - t0) / 1e9;
  // Bare baseline: the same loop adding wall-clock minutes (what an engine without a calendar does).
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const d = new Date(
      (received[i & 4095] ?? 0) + (durations[i & 4095] as { minutes: number }).minutes * 60_000,
    );
    sink += (d.getTime() / 60_000) % 7;
  }
  const bareSec = Number(process.hrtime.bigint() - t1) / 1e9;
  const motcuaRate = n / motcuaSec;
  const bareRate = n / bareSec;
  return { motcuaRate, bareRate, sink };
}

/** The due-date figure as bench/results.json holds it (recorded for the run). */
export function dueDateFigure(n = 2_000_000) {
  const due = dueDateThroughput(n);
  return record({
    name: "due-date computations",
    value: Math.round(due.motcuaRate),
    unit: "1/s/core",
    goal: ">= 1,000,000/s/core",
    baseline: Math.round(due.bareRate),
    met: due.motcuaRate >= 1e6,
  });
}
