import type { Duration } from "../calendar/calendar.types.ts";
import type { ChannelRow } from "../catalog/catalog.types.ts";

const CHANNEL_BY_CODE = { 1: "in-person", 2: "online", 3: "post" } as const;

/**
 * The legal processing time of a procedure for a channel, as the engine counts it. Working days
 * and hours become working minutes; calendar days, months (30 days) and years (365) stay calendar.
 */
export function legalDuration(
  channels: readonly ChannelRow[],
  channel: 1 | 2 | 3,
  minutesPerDay = 480,
): Duration {
  const rows = channels.filter((c) => c.time !== null);
  const row = rows.find((c) => c.channel === CHANNEL_BY_CODE[channel]) ?? rows[0];
  if (!row?.time) return { kind: "none" };
  const { amount, unit } = row.time;
  switch (unit) {
    case "working-days":
      return { kind: "working", minutes: Math.round(amount * minutesPerDay) };
    case "hours":
      return { kind: "working", minutes: Math.round(amount * 60) };
    case "days":
      return { kind: "calendar", days: Math.ceil(amount) };
    case "months":
      return { kind: "calendar", days: Math.ceil(amount * 30) };
    case "years":
      return { kind: "calendar", days: Math.ceil(amount * 365) };
  }
}

/** Working minutes a duration stands for, to split it across steps (calendar weeks have 5 working days). */
export function workingMinutesOf(d: Duration, minutesPerDay = 480): number {
  switch (d.kind) {
    case "working":
      return d.minutes;
    case "calendar":
      return Math.round((d.days * 5 * minutesPerDay) / 7);
    case "same-day":
      return minutesPerDay;
    case "none":
      return 0;
  }
}
