import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit, sealAudit } from "../../src/kernel/audit/audit.repository.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");

// Health is polled by load balancers: it must stay one cheap statement.
const realQuery = pg.Client.prototype.query;
let statements: string[] = [];
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text?: string };
  statements.push(typeof q === "string" ? q : (q?.text ?? ""));
  return (realQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof realQuery;
afterAll(() => {
  pg.Client.prototype.query = realQuery;
});

const health = async () => {
  statements = [];
  const r = await t.call("GET", "/api/v1/health");
  expect(r.status).toBe(200); // degraded, not down: the API still serves
  expect(statements).toHaveLength(1);
  return r.body;
};

const written = (at: string) =>
  recordAudit(db, {
    at: new Date(at),
    actorKind: "system",
    actorId: null,
    roles: [],
    agencyCode: null,
    action: "POST /health-test",
    objectType: "test",
    objectId: "",
    purpose: "",
    requestId: "",
    status: 200,
  });

describe("the audit chain in the health answer", () => {
  it("is ok while records are sealed promptly", async () => {
    await written("2026-03-09T07:59:59+07:00");
    expect(await health()).toEqual({
      status: "ok",
      database: "ok",
      deployment: "ninh-binh",
      auditChain: { status: "ok", reason: null, oldestUnsealedAt: "2026-03-09T00:59:59.000Z" },
    });
  });

  it("is degraded when a record has waited over a minute (no sealer runs)", async () => {
    t.setNow("2026-03-09T08:02:00+07:00");
    expect(await health()).toMatchObject({
      status: "degraded",
      auditChain: { status: "behind", reason: expect.stringContaining("chờ niêm phong quá 60 giây") },
    });
  });

  it("is degraded with the reason when this process's sealer fails, and recovers with it", async () => {
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_no_seal CHECK (seal_seq IS NULL) NOT VALID`.execute(
      db,
    );
    await expect(sealAudit(db)).rejects.toThrow(/test_no_seal/);
    expect(await health()).toMatchObject({
      status: "degraded",
      auditChain: {
        status: "failing",
        reason: expect.stringMatching(/^Niêm phong nhật ký kiểm tra thất bại.*test_no_seal/),
      },
    });
    await sql`ALTER TABLE audit_log DROP CONSTRAINT test_no_seal`.execute(db);
    expect(await sealAudit(db)).toBe(1);
    expect(await health()).toMatchObject({
      status: "ok",
      auditChain: { status: "ok", reason: null, oldestUnsealedAt: null },
    });
  });
});
