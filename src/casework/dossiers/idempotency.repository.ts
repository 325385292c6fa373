import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import type { Db } from "../../kernel/db/database.ts";
import { idempotencyErrors } from "./dossier.errors.ts";

/**
 * Idempotency-Key as payment APIs do it: a key belongs to one official and one route, and is bound
 * to a fingerprint of the body. A replay gets the original response (with the PIN, so a desk whose
 * first answer was lost can still print the receipt) for 24 hours; the same key with another body
 * is refused. Only a hash of the key is stored, and the response is encrypted with a key derived
 * from it: the database and its backups do not hold readable PINs.
 */
export interface KeyedRequest {
  officialId: number;
  key: string;
  route: string;
  body: unknown;
}

/** How long a kept response answers replays (then the job in the workers deletes it). */
export const KEEP_HOURS = 24;

export interface KeptResponse {
  status: number;
  body: unknown;
}

export const keyHash = (r: KeyedRequest) =>
  createHash("sha256").update(`motcua-idempotency\n${r.officialId}\n${r.key}`).digest("hex");

/** The route and the body with its keys sorted, so a client that reorders fields still matches. */
export const fingerprint = (r: KeyedRequest) =>
  createHash("sha256")
    .update(`${r.route}\n${canonicalJson(r.body)}`)
    .digest("hex");

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

const cipherKey = (r: KeyedRequest) =>
  Buffer.from(hkdfSync("sha256", r.key, String(r.officialId), "motcua idempotent response", 32));

/** AES-256-GCM: nonce (12) | tag (16) | ciphertext. */
export function sealResponse(r: KeyedRequest, response: KeptResponse): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", cipherKey(r), nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(response), "utf8"), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

export function openResponse(r: KeyedRequest, sealed: Buffer): KeptResponse {
  const decipher = createDecipheriv("aes-256-gcm", cipherKey(r), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString("utf8");
  return JSON.parse(text) as KeptResponse;
}

/**
 * The kept response for a key, or an error if the key was used for another request; null if the
 * key is new (or its response expired). Inside a transaction after `lockKey`, the answer holds.
 */
export async function keptResponse(
  db: Db,
  r: KeyedRequest,
): Promise<{ kept: KeptResponse | null } | { error: AppError }> {
  const row = await db
    .selectFrom("idempotency_key")
    .select(["route", "fingerprint", "response"])
    .where("official_id", "=", r.officialId)
    .where("key_hash", "=", keyHash(r))
    .where("created_at", ">", sql<Date>`now() - make_interval(hours => ${KEEP_HOURS})`)
    .executeTakeFirst();
  if (!row) return { kept: null };
  if (row.route !== r.route || row.fingerprint !== fingerprint(r))
    return { error: idempotencyErrors.reused() };
  return { kept: openResponse(r, row.response) };
}

/** Concurrent requests with one key wait here for the first to finish (same transaction). */
export async function lockKey(tx: Db, r: KeyedRequest): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${keyHash(r)}, 0))`.execute(tx);
}

/** Keeps the response in the transaction that made it, so both are there or neither. */
export async function keepResponse(
  tx: Db,
  r: KeyedRequest,
  response: KeptResponse,
  dossierId: string | null,
): Promise<void> {
  const values = {
    official_id: r.officialId,
    key_hash: keyHash(r),
    route: r.route,
    fingerprint: fingerprint(r),
    dossier_id: dossierId,
    status: response.status,
    response: sealResponse(r, response),
  };
  // An expired row under the same key is replaced (the lock is held, no live row was found).
  await tx
    .insertInto("idempotency_key")
    .values(values)
    .onConflict((c) =>
      c.columns(["official_id", "key_hash"]).doUpdateSet({ ...values, created_at: sql`now()` }),
    )
    .execute();
}

/** Deletes responses past their 24 hours; run by the workers. */
export async function purgeExpiredResponses(db: Db): Promise<number> {
  const r = await db
    .deleteFrom("idempotency_key")
    .where("created_at", "<=", sql<Date>`now() - make_interval(hours => ${KEEP_HOURS})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
