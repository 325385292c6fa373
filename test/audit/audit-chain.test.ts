import { describe, expect, it } from "vitest";
import { type AuditContent, canonical, checkChain, seal } from "../../src/kernel/audit/audit-chain.ts";
import { auditKind, auditObject } from "../../src/kernel/audit/audit-policy.ts";

const record = (i: number): AuditContent => ({
  id: String(i),
  at: `2026-03-09T0${i % 10}:00:00.000Z`,
  actorKind: "official",
  actorId: "7",
  roles: ["specialist"],
  agencyCode: "DEMO.37.STP",
  action: "POST /api/v1/dossiers/:code/actions",
  objectType: "dossiers",
  objectId: `D${i}`,
  purpose: "",
  requestId: `r${i}`,
  status: 200,
  details: { kind: "change", b: 1, a: [2, { z: 1, y: 2 }] },
});

describe("the audit hash chain", () => {
  const chain = seal(null, [1, 2, 3, 4, 5].map(record));

  it("holds when nothing changed, across pages", () => {
    expect(checkChain(null, chain).problems).toEqual([]);
    const first = checkChain(null, chain.slice(0, 2));
    expect(checkChain(first.last, chain.slice(2)).problems).toEqual([]);
    expect(canonical({ b: 1, a: { d: 2, c: 3 } })).toBe(canonical({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it("finds an edited, a deleted and a reordered record", () => {
    const edited = chain.map((r, i) => (i === 2 ? { ...r, objectId: "D999" } : r));
    expect(checkChain(null, edited).problems).toEqual([{ sealSeq: 3, id: "3", problem: "edited" }]);
    const deleted = chain.filter((_, i) => i !== 1);
    expect(checkChain(null, deleted).problems[0]).toEqual({ sealSeq: 2, id: null, problem: "missing" });
    const a = chain[1];
    const b = chain[2];
    if (!a || !b) throw new Error("chain too short");
    const swapped = [chain[0], { ...b, sealSeq: 2 }, { ...a, sealSeq: 3 }, chain[3], chain[4]].filter(
      (r) => r !== undefined,
    );
    const problems = checkChain(null, swapped).problems.map((p) => p.problem);
    expect(problems).toContain("reordered");
    // Re-hashing one record to hide an edit breaks the next link instead.
    const rehashed = seal(
      null,
      [1, 2, 3, 4, 5].map((i) => (i === 3 ? { ...record(3), objectId: "D999" } : record(i))),
    );
    const forged = [...chain.slice(0, 2), rehashed[2], ...chain.slice(3)].filter((r) => r !== undefined);
    expect(checkChain(null, forged).problems.map((p) => p.problem)).toEqual(["reordered"]);
  });
});

describe("what is audited", () => {
  it("changes and personal-data reads that succeeded", () => {
    expect(auditKind("POST", "/api/v1/dossiers", 201)).toBe("change");
    expect(auditKind("GET", "/api/v1/dossiers/:code", 200)).toBe("personal-read");
    expect(auditKind("GET", "/api/v1/catalog/procedures", 200)).toBeNull();
  });

  it("refusals on dossier and personal-data routes, failed receptions, wrong or throttled PINs; no other failure", () => {
    expect(auditKind("POST", "/api/v1/dossiers", 422)).toBe("failed-reception");
    expect(auditKind("POST", "/api/v1/dossiers", 500)).toBe("failed-reception");
    expect(auditKind("GET", "/api/v1/dossiers/:code", 404, true)).toBe("denied");
    expect(auditKind("POST", "/api/v1/dossiers/:code/actions", 403, true)).toBe("denied");
    expect(auditKind("GET", "/api/v1/population/citizens/:idNumber", 403)).toBe("denied");
    expect(auditKind("GET", "/api/v1/citizens/:owner/documents", 404)).toBe("denied");
    expect(auditKind("GET", "/api/v1/public/dossiers/:code", 404)).toBe("pin-failure");
    expect(auditKind("POST", "/api/v1/public/dossiers/:code/payments", 429)).toBe("pin-failure");
    expect(auditKind("POST", "/api/v1/public/dossiers/:code/rating", 409)).toBeNull(); // PIN was right
    expect(auditKind("POST", "/api/v1/dossiers/:code/actions", 409, true)).toBeNull(); // a rule, not access
    expect(auditKind("GET", "/api/v1/procedures/:code", 404)).toBeNull();
    expect(auditKind("GET", "/api/v1/audit", 403)).toBeNull();
  });

  it("keeps identity numbers out of the record but findable by their hash", () => {
    const o = auditObject("/api/v1/population/citizens/:idNumber", { idNumber: "035085000123" });
    expect(o.objectType).toBe("population");
    expect(o.objectId).toBe("035*****0123");
    expect(o.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditObject("/api/v1/dossiers/:code/actions", { code: "X-1" })).toEqual({
      objectType: "dossiers",
      objectId: "X-1",
    });
  });
});
