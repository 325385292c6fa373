import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { loadDeployment } from "../../src/app/settings.ts";
import { startWorkers } from "../../src/app/workers/workers.ts";
import {
  type AuditEntry,
  auditChainHealth,
  insertAudit,
  sealAudit,
  verifyAudit,
} from "../../src/kernel/audit/audit.repository.ts";
import { testIntegrations } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

const entry = (i: number, at = new Date()): AuditEntry => ({
  at,
  actorKind: "system",
  actorId: null,
  roles: [],
  agencyCode: null,
  action: "POST /seal-test",
  objectType: "test",
  objectId: `T${i}`,
  purpose: "",
  requestId: `seal-${i}`,
  status: 200,
  details: { i },
});

/** Writes n records, a thousand per insert. */
async function write(n: number, from = 0) {
  for (let i = 0; i < n; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - i) }, (_, k) => entry(from + i + k));
    await insertAudit(db, chunk);
  }
}

const unsealed = async () =>
  Number(
    (
      await db
        .selectFrom("audit_log")
        .select((e) => e.fn.countAll<string>().as("n"))
        .where("seal_seq", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The owner's way round the guard: what an intruder with the database's rights would do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard`.execute(db);
  await statement.execute(db);
  await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard`.execute(db);
}

/** Makes every seal fail, as the unique-key collision did. */
const breakSealing = () =>
  sql`ALTER TABLE audit_log ADD CONSTRAINT test_no_seal CHECK (seal_seq IS NULL) NOT VALID`.execute(db);
const repairSealing = () => sql`ALTER TABLE audit_log DROP CONSTRAINT test_no_seal`.execute(db);

describe("sealing the audit chain", () => {
  it("keeps sealing past ten records (the last link is the numerically last), in id order", async () => {
    await write(10);
    expect(await sealAudit(db)).toBe(10);
    await write(2, 10);
    expect(await sealAudit(db)).toBe(2);
    await write(3, 12);
    expect(await sealAudit(db)).toBe(3);
    const v = await verifyAudit(db);
    expect(v).toMatchObject({ ok: true, sealed: 15, unsealed: 0, staleUnsealed: 0, problems: [] });
    const rows = await db.selectFrom("audit_log").select(["id", "seal_seq"]).orderBy("id").execute();
    expect(rows.map((r) => Number(r.seal_seq))).toEqual(rows.map((_, i) => i + 1));
  });

  it("seals 10,000 records in one run of several batches, and the untouched chain verifies", async () => {
    const before = (await verifyAudit(db)).sealed;
    await write(10_000, 100);
    expect(await sealAudit(db, 1_500)).toBe(10_000); // seven transactions, each after the last link
    expect(await unsealed()).toBe(0);
    const v = await verifyAudit(db, new Date(), { page: 3_000 }); // pages cross the batches' seams
    expect(v).toMatchObject({ ok: true, sealed: before + 10_000, problems: [] });
  });

  it("reports records left unsealed for over a minute as a fault, not fresh ones", async () => {
    const now = new Date();
    await insertAudit(db, [entry(90_000, now)]);
    expect(await verifyAudit(db, now)).toMatchObject({ ok: true, unsealed: 1, staleUnsealed: 0 });
    const later = new Date(now.getTime() + 2 * 60_000);
    expect(await verifyAudit(db, later)).toMatchObject({
      ok: false,
      unsealed: 1,
      staleUnsealed: 1,
      problems: [],
    });
    expect(await sealAudit(db)).toBe(1);
    expect((await verifyAudit(db, later)).ok).toBe(true);
  });

  it("shows a failing sealer and a stalled chain in the health state, and recovers", async () => {
    const now = new Date();
    expect(await auditChainHealth(db, now)).toEqual({ status: "ok", reason: null, oldestUnsealedAt: null });
    await insertAudit(db, [entry(90_001, now)]);
    const later = new Date(now.getTime() + 2 * 60_000);
    expect(await auditChainHealth(db, later)).toMatchObject({
      status: "behind",
      reason: expect.stringContaining("chờ niêm phong"),
      oldestUnsealedAt: now.toISOString(),
    });
    await breakSealing();
    await expect(sealAudit(db)).rejects.toThrow(/test_no_seal/);
    expect(await auditChainHealth(db, now)).toMatchObject({
      status: "failing",
      reason: expect.stringMatching(/^Niêm phong nhật ký kiểm tra thất bại.*test_no_seal/),
    });
    await repairSealing();
    expect(await sealAudit(db)).toBe(1);
    expect((await auditChainHealth(db, later)).status).toBe("ok");
  });

  it("the workers log a failing seal as an error", async () => {
    await breakSealing();
    await insertAudit(db, [entry(90_002)]);
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const workers = startWorkers(
      {
        db,
        deployment: loadDeployment("ninh-binh"),
        calendar: () => Promise.reject(),
        now: () => new Date(),
      },
      testIntegrations(),
      log,
    );
    try {
      await expect
        .poll(() => log.error.mock.calls.filter(([d]) => d.job === "audit-seal").length, { timeout: 15_000 })
        .toBeGreaterThan(0);
      const [data, message] = log.error.mock.calls.find(([d]) => d.job === "audit-seal") ?? [];
      expect(data.err).toMatch(/test_no_seal/);
      expect(message).toBe("worker job failed");
    } finally {
      await workers.stop();
      await repairSealing();
    }
    expect(await sealAudit(db)).toBe(1);
  });

  it("finds an edited and a deleted sealed record deep in a long chain, and nothing else", async () => {
    await tamper(sql`UPDATE audit_log SET object_id = 'sửa lén' WHERE seal_seq = 5000`);
    await tamper(sql`DELETE FROM audit_log WHERE seal_seq = 7777`);
    const v = await verifyAudit(db);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => [p.sealSeq, p.problem])).toEqual([
      [5000, "edited"],
      [7777, "missing"],
    ]);
  });

  it("finds the newest records deleted, or deleted and re-sealed, against a head kept from an earlier verify", async () => {
    const { head } = await verifyAudit(db);
    if (!head) throw new Error("no chain");
    await tamper(sql`DELETE FROM audit_log WHERE seal_seq >= ${head.sealSeq - 1}`);
    const seen = (v: Awaited<ReturnType<typeof verifyAudit>>) =>
      v.problems.filter((p) => p.sealSeq > 7777).map((p) => [p.sealSeq, p.problem]);
    expect(seen(await verifyAudit(db))).toEqual([]); // no gap: the chain alone cannot tell
    expect(seen(await verifyAudit(db, new Date(), { head }))).toEqual([[head.sealSeq - 1, "missing"]]);
    await write(2, 95_000);
    expect(await sealAudit(db)).toBe(2);
    expect(seen(await verifyAudit(db, new Date(), { head }))).toEqual([[head.sealSeq, "edited"]]);
  });
});
