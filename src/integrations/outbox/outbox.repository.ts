import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { type DeliveryFailure, type RetryPolicy, retryDelayMs } from "./retry.ts";

export interface OutboxEvent {
  id: string;
  dossierId: string;
  seq: number;
  attempts: number;
}

/** sent: the subscriber has it; skipped: nothing in this entry concerns the subscriber. */
export type DeliveryOutcome = "sent" | "skipped";

export type DeliveryResult = { ok: true; value: DeliveryOutcome } | { ok: false; error: DeliveryFailure };

export type Deliver = (event: OutboxEvent) => Promise<DeliveryResult>;

export interface BatchOptions {
  /** Dossiers per batch (one head event each). */
  batch: number;
  /** Further events of the same dossier delivered in the same batch, in order. */
  followers: number;
  concurrency: number;
  retry: RetryPolicy;
  random: () => number;
}

/**
 * Claims the oldest undelivered event of up to `batch` dossiers and delivers each dossier's events
 * in journal order; dossiers run in parallel. Claimed rows stay locked (FOR UPDATE SKIP LOCKED)
 * until the batch commits, so a worker that dies mid-delivery releases them and another redelivers.
 * A later event of a dossier is never delivered while an earlier one is not.
 */
export async function deliverBatch(
  db: Db,
  topic: string,
  deliver: Deliver,
  o: BatchOptions,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const heads = await sql<OutboxEvent>`
      SELECT e.id::text AS id, e.dossier_id::text AS "dossierId", e.seq, e.attempts
      FROM outbox_event e
      WHERE e.topic = ${topic} AND e.delivered_at IS NULL AND e.next_attempt_at <= clock_timestamp()
        AND NOT EXISTS (
          SELECT 1 FROM outbox_event p
          WHERE p.topic = e.topic AND p.dossier_id = e.dossier_id AND p.delivered_at IS NULL AND p.id < e.id)
      ORDER BY e.id
      LIMIT ${o.batch}
      FOR UPDATE SKIP LOCKED`.execute(tx);
    let delivered = 0;
    const chain = async (head: OutboxEvent) => {
      let event: OutboxEvent | undefined = head;
      for (let n = 0; event && n <= o.followers; n++) {
        const result = await deliver(event).catch(
          (e): DeliveryResult => ({
            ok: false,
            error: { reason: "handler-error", detail: String(e?.message ?? e), retryable: true },
          }),
        );
        if (!result.ok) {
          const delay = retryDelayMs(event.attempts + 1, o.retry, o.random);
          await sql`
            UPDATE outbox_event SET attempts = attempts + 1, last_error = ${`${result.error.reason}: ${result.error.detail}`.slice(0, 500)},
              next_attempt_at = clock_timestamp() + make_interval(secs => ${delay / 1000})
            WHERE id = ${event.id}`.execute(tx);
          await sql`
            INSERT INTO outbox_failure (topic, event_id, reason, detail)
            VALUES (${topic}, ${event.id}, ${result.error.reason}, ${result.error.detail.slice(0, 500)})`.execute(
            tx,
          );
          return;
        }
        await sql`
          UPDATE outbox_event SET attempts = attempts + 1, delivered_at = clock_timestamp(), outcome = ${result.value},
            last_error = NULL
          WHERE id = ${event.id}`.execute(tx);
        delivered++;
        const next: { rows: OutboxEvent[] } = await sql<OutboxEvent>`
          SELECT f.id::text AS id, f.dossier_id::text AS "dossierId", f.seq, f.attempts FROM outbox_event f
          WHERE f.topic = ${topic} AND f.dossier_id = ${event.dossierId} AND f.delivered_at IS NULL AND f.id > ${event.id}
          ORDER BY f.id LIMIT 1 FOR UPDATE`.execute(tx);
        event = next.rows[0];
      }
    };
    await inParallel(heads.rows, o.concurrency, chain);
    return delivered;
  });
}

async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Re-queues a dossier's whole journal for a topic, in order (reconciliation found the subscriber out
 * of step). The receiver drops what it already has, so re-sending is safe.
 */
export async function requeueDossier(db: Db, topic: string, dossierId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`DELETE FROM outbox_event WHERE topic = ${topic} AND dossier_id = ${dossierId}`.execute(tx);
    await sql`
      INSERT INTO outbox_event (topic, dossier_id, seq)
      SELECT ${topic}, d.id, s FROM dossier d, generate_series(1, d.last_seq) s
      WHERE d.id = ${dossierId} ORDER BY s`.execute(tx);
  });
}

/** A subscriber that is not configured gets no events (they would only pile up). */
export async function setTopicEnabled(db: Db, topic: string, enabled: boolean): Promise<void> {
  await sql`UPDATE outbox_topic SET enabled = ${enabled} WHERE topic = ${topic}`.execute(db);
}

/** Delivered events older than the retention are deleted; the monitor reads recent ones only. */
export async function pruneDelivered(db: Db, olderThanDays: number): Promise<number> {
  const r = await sql`
    DELETE FROM outbox_event WHERE delivered_at < now() - make_interval(days => ${olderThanDays})`.execute(
    db,
  );
  await sql`DELETE FROM outbox_failure WHERE at < now() - make_interval(days => ${olderThanDays})`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0);
}
