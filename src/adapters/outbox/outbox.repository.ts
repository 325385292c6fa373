import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
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

/** Delivers a list of events of different dossiers (one each); answers one result per event, in order. */
export type Deliver = (events: OutboxEvent[]) => Promise<DeliveryResult[]>;

/** A Deliver from a one-event handler (each event on its own, in parallel). */
export const eachOnItsOwn =
  (one: (event: OutboxEvent) => Promise<DeliveryResult>): Deliver =>
  (events) =>
    Promise.all(
      events.map((e) =>
        one(e).catch(
          (x): DeliveryResult => ({
            ok: false,
            error: { reason: "handler-error", detail: String(x?.message ?? x), retryable: true },
          }),
        ),
      ),
    );

export interface BatchOptions {
  /** Dossiers per batch (one head event each). */
  batch: number;
  /** Further events of the same dossier delivered in the same batch, in order. */
  followers: number;
  /** Events per call to the subscriber (one per dossier). */
  slice: number;
  concurrency: number;
  retry: RetryPolicy;
  random: () => number;
  /** Runs in the batch's transaction with the dossiers whose events the subscriber took. */
  onSent?: (tx: Db, dossierIds: string[]) => Promise<void>;
}

/**
 * Claims the oldest undelivered event of up to `batch` dossiers, with the events that follow it, and
 * delivers each dossier's events in journal order; dossiers run in parallel. Claimed rows stay
 * locked (FOR UPDATE SKIP LOCKED) until the batch commits, so a worker that dies mid-delivery
 * releases them and another redelivers (the receiver drops what it already has). A later event of
 * a dossier is never delivered while an earlier one is not. Acknowledgements are written in one
 * statement at the end of the batch, so the claim's connection is not a queue.
 */
export async function deliverBatch(
  db: Db,
  topic: string,
  deliver: Deliver,
  o: BatchOptions,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const heads = await sql<{ dossierId: string }>`
      SELECT e.dossier_id::text AS "dossierId"
      FROM outbox_event e
      WHERE e.topic = ${topic} AND e.delivered_at IS NULL AND e.next_attempt_at <= clock_timestamp()
        AND NOT EXISTS (
          SELECT 1 FROM outbox_event p
          WHERE p.topic = e.topic AND p.dossier_id = e.dossier_id AND p.delivered_at IS NULL AND p.id < e.id)
      ORDER BY e.id
      LIMIT ${o.batch}
      FOR UPDATE SKIP LOCKED`.execute(tx);
    if (heads.rows.length === 0) return 0;
    // The heads are ours; their followers cannot be claimed by anyone else while the heads are pending.
    const rows = await sql<OutboxEvent>`
      SELECT f.id::text AS id, f.dossier_id::text AS "dossierId", f.seq, f.attempts
      FROM outbox_event f
      WHERE f.topic = ${topic} AND f.delivered_at IS NULL AND f.dossier_id = ANY(${heads.rows.map((h) => h.dossierId)}::bigint[])
      ORDER BY f.dossier_id, f.id
      FOR UPDATE`.execute(tx);
    const chains = new Map<string, OutboxEvent[]>();
    for (const e of rows.rows) {
      const chain = chains.get(e.dossierId) ?? [];
      if (chain.length <= o.followers) chain.push(e);
      chains.set(e.dossierId, chain);
    }
    const acks: { id: string; outcome: DeliveryOutcome }[] = [];
    const failures: { event: OutboxEvent; failure: DeliveryFailure }[] = [];
    // Rounds: the first pending event of every dossier, then the second of those that went through…
    let active = [...chains.values()];
    for (let round = 0; active.length > 0; round++) {
      const events = active.map((c) => c[round] as OutboxEvent);
      const slices: OutboxEvent[][] = [];
      for (let k = 0; k < events.length; k += o.slice) slices.push(events.slice(k, k + o.slice));
      const failed = new Set<string>();
      await inParallel(slices, o.concurrency, async (slice) => {
        const results = await deliver(slice).catch((x): DeliveryResult[] =>
          slice.map(() => ({
            ok: false,
            error: { reason: "handler-error", detail: String(x?.message ?? x), retryable: true },
          })),
        );
        slice.forEach((event, k) => {
          const result = results[k] ?? {
            ok: false,
            error: { reason: "no-answer", detail: "", retryable: true },
          };
          if (result.ok) acks.push({ id: event.id, outcome: result.value });
          else {
            failures.push({ event, failure: result.error });
            failed.add(event.dossierId);
          }
        });
      });
      active = active.filter((c) => !failed.has((c[round] as OutboxEvent).dossierId) && c.length > round + 1);
    }
    if (acks.length > 0) {
      await sql`
        UPDATE outbox_event e SET attempts = e.attempts + 1, delivered_at = clock_timestamp(), outcome = a.outcome,
          last_error = NULL
        FROM unnest(${acks.map((a) => a.id)}::bigint[], ${acks.map((a) => a.outcome)}::text[]) AS a(id, outcome)
        WHERE e.id = a.id`.execute(tx);
      const sentIds = new Set(acks.filter((a) => a.outcome === "sent").map((a) => a.id));
      const sent = new Set(rows.rows.filter((e) => sentIds.has(e.id)).map((e) => e.dossierId));
      if (o.onSent && sent.size > 0) await o.onSent(tx, [...sent]);
    }
    for (const { event, failure } of failures) {
      const delay = retryDelayMs(event.attempts + 1, o.retry, o.random);
      await sql`
        UPDATE outbox_event SET attempts = attempts + 1, last_error = ${`${failure.reason}: ${failure.detail}`.slice(0, 500)},
          next_attempt_at = clock_timestamp() + make_interval(secs => ${delay / 1000})
        WHERE id = ${event.id}`.execute(tx);
      await sql`
        INSERT INTO outbox_failure (topic, event_id, reason, detail)
        VALUES (${topic}, ${event.id}, ${failure.reason}, ${failure.detail.slice(0, 500)})`.execute(tx);
    }
    return acks.length;
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
