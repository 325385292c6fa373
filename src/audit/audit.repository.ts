import { sql } from "kysely";
import type { Db } from "../db/database.ts";
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

/** A record's columns as the chain reads them (seal columns NULL until it is sealed). */
const ROW_COLUMNS =
  sql.raw(`id::text, at, actor_kind, actor_id, roles, agency_code, action, object_type, object_id,
  purpose, request_id, status, details, seal_seq::text, prev_hash, hash`);

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

/**
 * Seals the records written since the last seal, in id order, into the chain. One sealer at a
 * time (an advisory lock), so any number of workers may call it.
 */
export async function sealAudit(db: Db, limit = 5000): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const got = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext('motcua.audit.seal')) AS ok`.execute(tx);
    if (!got.rows[0]?.ok) return 0;
    const lastRow = await sql<{ seal_seq: string; hash: string }>`
      SELECT seal_seq::text, hash FROM audit_log WHERE seal_seq IS NOT NULL ORDER BY seal_seq DESC LIMIT 1`.execute(
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

export interface AuditVerification {
  ok: boolean;
  sealed: number;
  unsealed: number;
  oldestUnsealedAt: string | null;
  problems: ChainProblem[];
  ms: number;
}

/** Walks the whole chain a page at a time; any edited, deleted or reordered record is reported. */
export async function verifyAudit(db: Db, page = 20_000): Promise<AuditVerification> {
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
    last = checked.last;
    sealed += records.length;
    after = last?.sealSeq ?? after;
    if (problems.length > 1000) break;
  }
  const open = await sql<{ n: number; oldest: Date | null }>`
    SELECT count(*)::int AS n, min(at) AS oldest FROM audit_log WHERE seal_seq IS NULL`.execute(db);
  return {
    ok: problems.length === 0,
    sealed,
    unsealed: open.rows[0]?.n ?? 0,
    oldestUnsealedAt: open.rows[0]?.oldest?.toISOString() ?? null,
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
