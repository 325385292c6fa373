import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/kernel/audit/audit.repository.ts";
import { AuditWriter } from "../../src/kernel/audit/audit-writer.repository.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

// A round trip to PostgreSQL costs more than the row it fetches (BENCHMARKS.md: most of a
// lookup's CPU is the socket write per query). These pin how many a hot route makes.
const { db } = await freshDatabase();
const t = await testApp(db);

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

const audited = () => statements.some((s) => /insert into "audit_log"/i.test(s));

/** The statements one request sends, through its audit record (written after the response). */
async function counted(method: "GET" | "POST", url: string, as: string) {
  await t.as(as);
  statements = [];
  await t.call(method, url, { as }); // warm the caches (calendar, process version)
  await expect.poll(audited).toBe(true);
  statements = [];
  const r = await t.call(method, url, { as });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await expect.poll(audited).toBe(true);
  return statements;
}

const entry = (id: string): AuditEntry => ({
  at: new Date(),
  actorKind: "system",
  actorId: null,
  roles: [],
  agencyCode: null,
  action: "GET /round-trips",
  objectType: "test",
  objectId: id,
  purpose: "",
  requestId: id,
  status: 200,
});

describe("round trips per request", () => {
  it("reads a dossier in two: token, dossier and its sub-cases together; then the audit record", async () => {
    const body = receptionBody(await firstComponent(db), {
      kind: "individual",
      name: "Trần Thị Bình",
      idNumber: "035085000123",
    });
    const made = await t.call("POST", "/api/v1/dossiers", { as: "desk", body });
    expect(made.status).toBe(201);
    const sent = await counted("GET", `/api/v1/dossiers/${made.body.code}`, "desk");
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/dossier_subcase[\s\S]*auth_token[\s\S]*JOIN dossier d/);
    expect(sent[1]).toMatch(/insert into "audit_log"/i);
  });

  it("writes the audit records of concurrent requests together", async () => {
    const writer = new AuditWriter(db);
    statements = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.write(entry(`rt-${i}`))));
    const inserts = statements.filter((s) => /insert into "audit_log"/i.test(s));
    // The first goes alone; the 49 that arrived while it was in flight go in one more.
    expect(inserts).toHaveLength(2);
    const n = await db
      .selectFrom("audit_log")
      .select((e) => e.fn.countAll<string>().as("n"))
      .where("request_id", "like", "rt-%")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(50);
  });

  it("keeps a batch's good records when one of them is refused", async () => {
    const writer = new AuditWriter(db);
    const good = entry;
    const bad = { ...good("rt-bad"), status: 2 ** 40 }; // beyond integer: PostgreSQL refuses it
    const results = await Promise.allSettled([
      writer.write(good("rt-first")),
      writer.write(good("rt-a")),
      writer.write(bad),
      writer.write(good("rt-b")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const ids = await db
      .selectFrom("audit_log")
      .select("request_id")
      .where("request_id", "in", ["rt-first", "rt-a", "rt-b", "rt-bad"])
      .orderBy("request_id")
      .execute();
    expect(ids.map((r) => r.request_id)).toEqual(["rt-a", "rt-b", "rt-first"]);
  });
});

describe("the access hook's read", () => {
  it("answers 404 for a dossier that does not exist, 401 without a valid token", async () => {
    const missing = await t.call("GET", "/api/v1/dossiers/KHONG-CO-MA-NAY", { as: "desk" });
    expect([missing.status, missing.body.error.code]).toEqual([404, "DOSSIER_NOT_FOUND"]);
    const anonymous = await t.call("GET", "/api/v1/dossiers/KHONG-CO-MA-NAY", {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(anonymous.status).toBe(401);
  });
});
