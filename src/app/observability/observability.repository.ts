import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import { migrationStatus } from "../../kernel/db/migrate.ts";

/** What the scrape reads from the database; every query walks a partial index or a small table. */
export interface DatabaseGauges {
  outbox: { topic: string; backlog: number; oldestSeconds: number }[];
  /** DVCQG: the older of the oldest unacknowledged change and the last hour's p99 (change → acknowledged). */
  syncLagSeconds: number;
  auditUnsealed: number;
  auditSealLagSeconds: number;
  /** Daily jobs whose last run finished without error, with when (epoch seconds). */
  jobs: { name: string; at: number }[];
}

/** `now`: the app's clock, which audit records are stamped with (outbox events carry the database's). */
export async function databaseGauges(db: Db, now: Date): Promise<DatabaseGauges> {
  const outbox = await sql<{ topic: string; backlog: number; oldest: number | null }>`
    SELECT t.topic, p.n::int AS backlog, extract(epoch FROM clock_timestamp() - p.oldest)::float8 AS oldest
    FROM outbox_topic t CROSS JOIN LATERAL (
      SELECT count(*) AS n, min(created_at) AS oldest FROM outbox_event e
      WHERE e.topic = t.topic AND e.delivered_at IS NULL) p
    ORDER BY t.topic`.execute(db);
  const sync = await sql<{ p99: number | null }>`
    SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p99
    FROM outbox_event WHERE topic = 'dvcqg' AND delivered_at > clock_timestamp() - interval '1 hour'`.execute(
    db,
  );
  const audit = await sql<{ n: number; oldest: Date | null }>`
    SELECT count(*)::int AS n, min(at) AS oldest FROM audit_log WHERE seal_seq IS NULL`.execute(db);
  const jobs = await sql<{ name: string; at: number }>`
    SELECT name, extract(epoch FROM last_finished_at)::float8 AS at FROM scheduled_job
    WHERE last_finished_at IS NOT NULL AND last_error IS NULL`.execute(db);
  const dvcqgOldest = outbox.rows.find((r) => r.topic === "dvcqg")?.oldest ?? 0;
  return {
    outbox: outbox.rows.map((r) => ({ topic: r.topic, backlog: r.backlog, oldestSeconds: r.oldest ?? 0 })),
    syncLagSeconds: Math.max(dvcqgOldest, sync.rows[0]?.p99 ?? 0),
    auditUnsealed: audit.rows[0]?.n ?? 0,
    auditSealLagSeconds: secondsSince(audit.rows[0]?.oldest ?? null, now),
    jobs: jobs.rows,
  };
}

/** The database answers at all. */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** Migrations this build knows that the database has not applied. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  return (await migrationStatus(db as never)).pending;
}

/** Seconds the oldest record not yet sealed into the audit chain has waited (0: none). */
export async function auditSealLag(db: Db, now: Date): Promise<number> {
  const r = await sql<{ oldest: Date | null }>`
    SELECT (SELECT at FROM audit_log WHERE seal_seq IS NULL ORDER BY id LIMIT 1) AS oldest`.execute(db);
  return secondsSince(r.rows[0]?.oldest ?? null, now);
}

const secondsSince = (t: Date | null, now: Date) =>
  t ? Math.max(0, (now.getTime() - t.getTime()) / 1000) : 0;

/**
 * Topics with an event waiting longer than `seconds` on which nothing was delivered and no delivery
 * failed for `seconds` either: no worker is claiming them. A subscriber that is down still records
 * a failure at each retry (at most ten minutes apart), so an outage of DVCQG is not "stuck".
 */
export async function stuckOutboxTopics(db: Db, topics: string[], seconds: number): Promise<string[]> {
  if (topics.length === 0) return [];
  const r = await sql<{ topic: string }>`
    SELECT t.topic FROM unnest(${topics}::text[]) AS t(topic)
    WHERE (SELECT created_at FROM outbox_event e WHERE e.topic = t.topic AND e.delivered_at IS NULL ORDER BY id LIMIT 1)
        < clock_timestamp() - make_interval(secs => ${seconds})
      AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.topic = t.topic
        AND e.delivered_at > clock_timestamp() - make_interval(secs => ${seconds}))
      AND NOT EXISTS (SELECT 1 FROM outbox_failure f WHERE f.topic = t.topic
        AND f.at > clock_timestamp() - make_interval(secs => ${seconds}))`.execute(db);
  return r.rows.map((x) => x.topic);
}
