import { sql } from "kysely";
import type { Db } from "../kernel/db/database.ts";

export interface SyncStatus {
  topic: string;
  backlog: number;
  oldestPendingSeconds: number | null;
  lastHour: { delivered: number; p50Seconds: number | null; p99Seconds: number | null };
  series: { at: string; delivered: number; p50Seconds: number; p99Seconds: number }[];
  failuresByReason: { reason: string; count: number }[];
  stuck: number;
  sloSeconds: number;
  alert: boolean;
  alertReason: string | null;
}

/** Sync monitor: lag (change → acknowledged), backlog, failures; the alert when lag passes the SLO. */
export async function syncStatus(db: Db, topic: string, sloSeconds: number): Promise<SyncStatus> {
  const head = await sql<{ backlog: string; oldest: number | null; stuck: string }>`
    SELECT count(*) AS backlog, extract(epoch FROM clock_timestamp() - min(created_at))::float8 AS oldest,
      count(*) FILTER (WHERE attempts >= 10) AS stuck
    FROM outbox_event WHERE topic = ${topic} AND delivered_at IS NULL`.execute(db);
  const hour = await sql<{ n: string; p50: number | null; p99: number | null }>`
    SELECT count(*) AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p50,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p99
    FROM outbox_event WHERE topic = ${topic} AND delivered_at > clock_timestamp() - interval '1 hour'`.execute(
    db,
  );
  const series = await sql<{ at: Date; n: string; p50: number; p99: number }>`
    SELECT date_bin('15 minutes', delivered_at, timestamptz '2000-01-01') AS at, count(*) AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p50,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p99
    FROM outbox_event WHERE topic = ${topic} AND delivered_at > clock_timestamp() - interval '24 hours'
    GROUP BY 1 ORDER BY 1`.execute(db);
  const failures = await sql<{ reason: string; n: string }>`
    SELECT reason, count(*) AS n FROM outbox_failure
    WHERE topic = ${topic} AND at > clock_timestamp() - interval '24 hours'
    GROUP BY reason ORDER BY count(*) DESC`.execute(db);
  const h = head.rows[0];
  const l = hour.rows[0];
  const oldest = h?.oldest ?? null;
  const p99 = l?.p99 ?? null;
  const alertReason =
    oldest !== null && oldest > sloSeconds
      ? `Thay đổi cũ nhất chưa đồng bộ đã ${Math.round(oldest)} giây (ngưỡng ${sloSeconds} giây)`
      : p99 !== null && p99 > sloSeconds
        ? `Độ trễ p99 trong 1 giờ qua là ${Math.round(p99)} giây (ngưỡng ${sloSeconds} giây)`
        : null;
  return {
    topic,
    backlog: Number(h?.backlog ?? 0),
    oldestPendingSeconds: oldest,
    lastHour: { delivered: Number(l?.n ?? 0), p50Seconds: l?.p50 ?? null, p99Seconds: p99 },
    series: series.rows.map((r) => ({
      at: r.at.toISOString(),
      delivered: Number(r.n),
      p50Seconds: r.p50,
      p99Seconds: r.p99,
    })),
    failuresByReason: failures.rows.map((r) => ({ reason: r.reason, count: Number(r.n) })),
    stuck: Number(h?.stuck ?? 0),
    sloSeconds,
    alert: alertReason !== null,
    alertReason,
  };
}
