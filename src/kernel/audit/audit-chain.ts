import { createHash } from "node:crypto";

// The audit log's hash chain (pure): each sealed record's hash covers its content and the hash
// before it, so an edited, deleted or reordered record breaks the chain from there on.

export interface AuditContent {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  roles: string[];
  agencyCode: string | null;
  action: string;
  objectType: string;
  objectId: string;
  purpose: string;
  requestId: string;
  status: number;
  details: unknown;
}

export interface SealedRecord extends AuditContent {
  sealSeq: number;
  prevHash: string;
  hash: string;
}

/** The chain's first link. */
export const GENESIS = "0".repeat(64);

/** JSON with keys sorted at every level: the same content always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function linkHash(prevHash: string, sealSeq: number, content: AuditContent): string {
  return createHash("sha256")
    .update(`${prevHash}\n${sealSeq}\n${canonical(content)}`)
    .digest("hex");
}

/** Seals records in order after the last sealed link. */
export function seal(
  last: { sealSeq: number; hash: string } | null,
  records: AuditContent[],
): SealedRecord[] {
  let prev = last?.hash ?? GENESIS;
  let seq = last?.sealSeq ?? 0;
  return records.map((r) => {
    seq += 1;
    const hash = linkHash(prev, seq, r);
    const sealed = { ...r, sealSeq: seq, prevHash: prev, hash };
    prev = hash;
    return sealed;
  });
}

export interface ChainProblem {
  sealSeq: number;
  id: string | null;
  problem: "edited" | "missing" | "reordered";
}

/**
 * Walks sealed records in seal order (a page at a time: pass the last link of the previous page).
 * A record whose content no longer gives its hash was edited; a gap in the sequence means records
 * were deleted; a record whose link does not name the hash before it was moved.
 */
export function checkChain(
  before: { sealSeq: number; hash: string } | null,
  records: SealedRecord[],
): { problems: ChainProblem[]; last: { sealSeq: number; hash: string } | null } {
  const problems: ChainProblem[] = [];
  let prev = before;
  for (const r of records) {
    const expectedSeq = (prev?.sealSeq ?? 0) + 1;
    if (r.sealSeq !== expectedSeq) problems.push({ sealSeq: expectedSeq, id: null, problem: "missing" });
    else if (r.prevHash !== (prev?.hash ?? GENESIS))
      problems.push({ sealSeq: r.sealSeq, id: r.id, problem: "reordered" });
    if (linkHash(r.prevHash, r.sealSeq, contentOf(r)) !== r.hash) {
      problems.push({ sealSeq: r.sealSeq, id: r.id, problem: "edited" });
    }
    prev = { sealSeq: r.sealSeq, hash: r.hash };
  }
  return { problems, last: prev };
}

const contentOf = (r: SealedRecord): AuditContent => {
  const { sealSeq: _s, prevHash: _p, hash: _h, ...content } = r;
  return content;
};
