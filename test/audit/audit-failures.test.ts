import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const component = await firstComponent(db);

/** The audit records of one action (route pattern), oldest first, once the hook has written them. */
async function recordsOf(action: string, n: number) {
  const read = () =>
    db
      .selectFrom("audit_log")
      .select([
        "actor_kind",
        "actor_id",
        "roles",
        "agency_code",
        "object_type",
        "object_id",
        "status",
        "details",
      ])
      .where("action", "=", action)
      .orderBy("id")
      .execute();
  await expect.poll(async () => (await read()).length).toBeGreaterThanOrEqual(n);
  return read();
}

const received = await t.call("POST", "/api/v1/dossiers", {
  as: "desk",
  body: receptionBody(component, { kind: "individual", name: "Đỗ Thị Mai", idNumber: "035085000123" }),
});
const code = received.body.code as string;

describe("refusals and failures in the audit log", () => {
  it("records a dossier read refused outside the reader's jurisdiction, and one of a dossier that does not exist", async () => {
    expect(received.status).toBe(201);
    // Outside the jurisdiction: 403, or the same 404 as an unknown code where existence is hidden.
    const outside = await t.call("GET", `/api/v1/dossiers/${code}/history`, { as: "desk.13285" });
    expect([403, 404]).toContain(outside.status);
    const missing = await t.call("GET", "/api/v1/dossiers/KHONG-CO-MA-NAY", { as: "specialist" });
    expect(missing.status).toBe(404);
    const [history] = await recordsOf("GET /api/v1/dossiers/:code/history", 1);
    expect(history).toMatchObject({
      actor_kind: "official",
      actor_id: expect.any(String),
      roles: ["desk"],
      object_type: "dossiers",
      object_id: code,
      status: outside.status,
      details: { kind: "denied", error: outside.body.error.code, address: "127.0.0.1" },
    });
    const [detail] = await recordsOf("GET /api/v1/dossiers/:code", 1);
    expect(detail).toMatchObject({
      roles: ["specialist"],
      object_id: "KHONG-CO-MA-NAY",
      status: 404,
      details: { kind: "denied", error: "DOSSIER_NOT_FOUND" },
    });
  });

  it("records refused reads of personal data: a population lookup and a citizen's document store", async () => {
    const lookup = await t.call("GET", "/api/v1/population/citizens/035085000123?purpose=x", {
      as: "specialist",
    });
    expect(lookup.status).toBe(403);
    const store = await t.call("GET", "/api/v1/citizens/035085000123/documents", { as: "leader" });
    expect(store.status).toBe(403);
    const [p] = await recordsOf("GET /api/v1/population/citizens/:idNumber", 1);
    expect(p).toMatchObject({
      roles: ["specialist"],
      object_type: "population",
      object_id: "035*****0123", // masked; findable by its hash
      status: 403,
      details: { kind: "denied", error: "ROLE_REQUIRED", idHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const [d] = await recordsOf("GET /api/v1/citizens/:owner/documents", 1);
    expect(d).toMatchObject({ roles: ["leader"], object_id: "035*****0123", status: 403 });
  });

  it("records failed receptions: an invalid request and a caller without the desk role", async () => {
    const before = (await recordsOf("POST /api/v1/dossiers", 1)).length; // the one received above
    const invalid = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: { ...receptionBody(component, { kind: "individual", name: "" }), channel: 9 },
    });
    expect(invalid.status).toBe(400);
    const notDesk = await t.call("POST", "/api/v1/dossiers", {
      as: "specialist",
      body: receptionBody(component, { kind: "individual", name: "Đỗ Thị Mai", idNumber: "035085000123" }),
    });
    expect(notDesk.status).toBe(403);
    const failed = (await recordsOf("POST /api/v1/dossiers", before + 2)).slice(before);
    expect(failed).toMatchObject([
      {
        actor_kind: "official",
        roles: ["desk"],
        object_type: "dossiers",
        object_id: "",
        status: 400,
        details: {
          kind: "failed-reception",
          error: "REQUEST_INVALID",
          procedureCode: "1.000894",
          address: "127.0.0.1",
        },
      },
      { roles: ["specialist"], status: 403, details: { kind: "failed-reception", error: "ROLE_REQUIRED" } },
    ]);
  });

  it("records wrong PINs on the tracking routes with the caller's address, and the throttled guesses", async () => {
    // Wrong PINs until the guessing is throttled.
    const tries: number[] = [];
    for (let i = 0; i < 40 && !tries.includes(429); i++) {
      tries.push(
        (await t.call("GET", `/api/v1/public/dossiers/${code}?pin=${String(i).padStart(6, "0")}`)).status,
      );
    }
    expect(new Set(tries)).toEqual(new Set([404, 429]));
    const rating = await t.call("POST", "/api/v1/public/dossiers/KHONG-CO/rating?pin=123456", {
      body: { rating: "satisfied" },
    });
    expect(rating.status).toBe(404);
    const tracking = await recordsOf("GET /api/v1/public/dossiers/:code", tries.length);
    expect(tracking.map((r) => r.status)).toEqual(tries);
    expect(tracking[0]).toMatchObject({
      actor_kind: "public",
      actor_id: null,
      object_type: "public",
      object_id: code,
      status: 404,
      details: { kind: "pin-failure", error: "TRACKING_NOT_FOUND", address: "127.0.0.1" },
    });
    expect(tracking.at(-1)).toMatchObject({ status: 429, details: { kind: "pin-failure" } });
    const [rated] = await recordsOf("POST /api/v1/public/dossiers/:code/rating", 1);
    expect(rated).toMatchObject({ object_id: "KHONG-CO", status: 404, details: { kind: "pin-failure" } });
    // No PIN is kept.
    expect(JSON.stringify(tracking)).not.toContain("pin=");
  });

  it("leaves out failures that reveal nothing: a missing catalogue entry, a refused steering list", async () => {
    expect((await t.call("GET", "/api/v1/procedures/9.999999")).status).toBe(404);
    expect((await t.call("GET", "/api/v1/audit", { as: "specialist" })).status).toBe(403);
    await new Promise((ok) => setTimeout(ok, 100)); // the hook writes after the answer
    const n = await db
      .selectFrom("audit_log")
      .select((e) => e.fn.countAll<string>().as("n"))
      .where("action", "in", ["GET /api/v1/procedures/:code", "GET /api/v1/audit"])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
