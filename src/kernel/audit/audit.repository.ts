import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { AuditChainHealth } from "./audit.types.ts";
import { type AuditContent, type ChainProblem, checkChain, type SealedRecord, seal } from "./audit-chain.ts";

export interface AuditEntry {
  at: Date;
  actorKind: "official" | "citizen" | "public" | "system";
  actorId: string | null;
  roles: readonly string[];
  agencyCode: string | null;
  action: string;
  objectType: string;
  objectId: string;
  purpose: string;
  requestId: string;
  status: number;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  await insertAudit(db, [e]);
}

/** Several records in one multi-row insert (audit-writer.repository.ts batches the API's). */
export async function insertAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("audit_log")
    .values(
      entries.map((e) => ({
        at: e.at,
        actor_kind: e.actorKind,
        actor_id: e.actorId,
        roles: [...e.roles],
        agency_code: e.agencyCode,
        action: e.action,
        object_type: e.objectType,
        object_id: e.objectId,
        purpose: e.purpose,
        request_id: e.requestId,
        status: e.status,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute();
}

interface Row {
  id: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  roles: string[];
  agency_code: string | null;
  action: string;
  object_type: string;
  object_id: string;
  purpose: string;
  request_id: string;
  status: number;
  details: unknown;
  seal_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * A record's columns as the chain reads them (seal columns NULL until it is sealed). No casts:
 * an output column named like the table's (`seal_seq::text`) is what ORDER BY would sort, as text.
 * The driver hands bigints over as strings anyway.
 */
const ROW_COLUMNS = sql.raw(`id, at, actor_kind, actor_id, roles, agency_code, action, object_type,
  object_id, purpose, request_id, status, details, seal_seq, prev_hash, hash`);

const contentOf = (r: Row): AuditContent => ({
  id: r.id,
  at: r.at.toISOString(),
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  roles: r.roles,
  agencyCode: r.agency_code,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  purpose: r.purpose,
  requestId: r.request_id,
  status: r.status,
  details: r.details,
});

/** Records left unsealed longer than this are a fault (verify) and degrade the health answer. */
export const UNSEALED_LIMIT_MS = 60_000;

/** What this process's sealer last saw, so the health answer knows of a failure without a query. */
const sealer: { failingSince: Date | null; error: string | null } = { failingSince: null, error: null };

/** One batch in one transaction, in id order after the last link; 0 if another sealer holds the lock. */
async function sealBatch(db: Db, limit: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const got = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext('motcua.audit.seal')) AS ok`.execute(tx);
    if (!got.rows[0]?.ok) return 0;
    const lastRow = await sql<{ seal_seq: string; hash: string }>`
      SELECT seal_seq, hash FROM audit_log WHERE seal_seq IS NOT NULL ORDER BY seal_seq DESC LIMIT 1`.execute(
      tx,
    );
    const last = lastRow.rows[0]
      ? { sealSeq: Number(lastRow.rows[0].seal_seq), hash: lastRow.rows[0].hash }
      : null;
    const rows = await sql<Row>`
      SELECT ${ROW_COLUMNS} FROM audit_log WHERE seal_seq IS NULL ORDER BY id LIMIT ${limit}`.execute(tx);
    if (!rows.rows.length) return 0;
    const sealed = seal(last, rows.rows.map(contentOf));
    await sql`
      UPDATE audit_log a SET seal_seq = s.seq, prev_hash = s.prev, hash = s.hash
      FROM unnest(${sealed.map((r) => r.id)}::bigint[], ${sealed.map((r) => r.sealSeq)}::bigint[],
        ${sealed.map((r) => r.prevHash)}::text[], ${sealed.map((r) => r.hash)}::text[]) AS s(id, seq, prev, hash)
      WHERE a.id = s.id`.execute(tx);
    return sealed.length;
  });
}

/**
 * Seals everything written so far into the chain, `batch` records per transaction, so one run
 * catches up at any volume. One sealer at a time (an advisory lock), so any number of workers may
 * call it. A failure is kept for the health answer and thrown on (the worker logs it as an error).
 */
export async function sealAudit(db: Db, batch = 5000): Promise<number> {
  let total = 0;
  try {
    for (;;) {
      const n = await sealBatch(db, batch);
      total += n;
      if (n < batch) break;
    }
  } catch (e) {
    sealer.failingSince ??= new Date();
    sealer.error = e instanceof Error ? e.message : String(e);
    throw e;
  }
  sealer.failingSince = null;
  sealer.error = null;
  return total;
}

/**
 * The chain's state for the health answer: one index lookup (the oldest unsealed record) and what
 * this process's sealer last saw. Behind: a record waits longer than UNSEALED_LIMIT_MS (no sealer
 * runs, or it fails in another process).
 */
export async function auditChainHealth(db: Db, now: Date): Promise<AuditChainHealth> {
  const r = await sql<{ oldest: Date | null }>`
    SELECT (SELECT at FROM audit_log WHERE seal_seq IS NULL ORDER BY id LIMIT 1) AS oldest`.execute(db);
  const oldest = r.rows[0]?.oldest ?? null;
  const oldestUnsealedAt = oldest?.toISOString() ?? null;
  if (sealer.error) {
    return {
      status: "failing",
      reason: `Niêm phong nhật ký kiểm tra thất bại từ ${sealer.failingSince?.toISOString()}: ${sealer.error}`,
      oldestUnsealedAt,
    };
  }
  if (oldest && now.getTime() - oldest.getTime() > UNSEALED_LIMIT_MS) {
    return {
      status: "behind",
      reason: `Có bản ghi nhật ký kiểm tra chờ niêm phong quá ${UNSEALED_LIMIT_MS / 1000} giây (từ ${oldestUnsealedAt}).`,
      oldestUnsealedAt,
    };
  }
  return { status: "ok", reason: null, oldestUnsealedAt };
}

export interface AuditVerification {
  ok: boolean;
  sealed: number;
  unsealed: number;
  oldestUnsealedAt: string | null;
  /** Unsealed for longer than UNSEALED_LIMIT_MS: a fault, since the chain cannot vouch for them. */
  staleUnsealed: number;
  /** The chain's last link: kept outside the database, it lets a later verify see a deleted tail. */
  head: { sealSeq: number; hash: string } | null;
  problems: ChainProblem[];
  ms: number;
}

/**
 * Walks the whole chain a page at a time; any edited, deleted or reordered sealed record is
 * reported, and so are records left unsealed too long (they could be changed unseen). Deleting
 * the newest records leaves no gap, so a head kept from an earlier verify must still be there.
 */
export async function verifyAudit(
  db: Db,
  now = new Date(),
  o: { page?: number; head?: { sealSeq: number; hash: string } } = {},
): Promise<AuditVerification> {
  const page = o.page ?? 20_000;
  const started = Date.now();
  let last: { sealSeq: number; hash: string } | null = null;
  const problems: ChainProblem[] = [];
  let sealed = 0;
  let after = 0;
  for (;;) {
    const r = await sql<Row>`
      SELECT ${ROW_COLUMNS} FROM audit_log WHERE seal_seq > ${after} ORDER BY seal_seq LIMIT ${page}`.execute(
      db,
    );
    if (!r.rows.length) break;
    const records: SealedRecord[] = r.rows.map((x) => ({
      ...contentOf(x),
      sealSeq: Number(x.seal_seq),
      prevHash: x.prev_hash ?? "",
      hash: x.hash ?? "",
    }));
    const checked = checkChain(last, records);
    problems.push(...checked.problems);
    const known = o.head && records.find((x) => x.sealSeq === o.head?.sealSeq);
    if (known && known.hash !== o.head?.hash)
      problems.push({ sealSeq: known.sealSeq, id: known.id, problem: "edited" });
    last = checked.last;
    sealed += records.length;
    after = last?.sealSeq ?? after;
    if (problems.length > 1000) break;
  }
  if (o.head && (last?.sealSeq ?? 0) < o.head.sealSeq) {
    problems.push({ sealSeq: (last?.sealSeq ?? 0) + 1, id: null, problem: "missing" });
  }
  const stale = new Date(now.getTime() - UNSEALED_LIMIT_MS);
  const open = await sql<{ n: number; stale: number; oldest: Date | null }>`
    SELECT count(*)::int AS n, (count(*) FILTER (WHERE at < ${stale}))::int AS stale, min(at) AS oldest
    FROM audit_log WHERE seal_seq IS NULL`.execute(db);
  const staleUnsealed = open.rows[0]?.stale ?? 0;
  return {
    ok: problems.length === 0 && staleUnsealed === 0,
    sealed,
    unsealed: open.rows[0]?.n ?? 0,
    oldestUnsealedAt: open.rows[0]?.oldest?.toISOString() ?? null,
    staleUnsealed,
    head: last,
    problems,
    ms: Date.now() - started,
  };
}

/** Who did what to an object (or everything an actor did), newest first. */
export async function auditTrail(
  db: Db,
  q: { objectType?: string; objectId?: string; actorId?: string; limit: number },
) {
  const rows = await db
    .selectFrom("audit_log")
    .select([
      "id",
      "at",
      "actor_kind",
      "actor_id",
      "roles",
      "agency_code",
      "action",
      "object_type",
      "object_id",
      "purpose",
      "request_id",
      "status",
      "seal_seq",
    ])
    .$if(q.objectType !== undefined, (b) => b.where("object_type", "=", q.objectType as string))
    .$if(q.objectId !== undefined, (b) => b.where("object_id", "=", q.objectId as string))
    .$if(q.actorId !== undefined, (b) =>
      b.where("actor_kind", "=", "official").where("actor_id", "=", q.actorId as string),
    )
    .orderBy("id", "desc")
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    ...contentOf({ ...r, details: {}, prev_hash: null, hash: null }),
    sealed: r.seal_seq !== null,
  }));
}
