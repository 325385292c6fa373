import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { appendHistory, OUTBOX_TRIGGER } from "../../src/casework/dossiers/journal.repository.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db);
const component = await firstComponent(db);
const person = { kind: "individual", name: "Trần Văn Bình", idNumber: "035085000123", phone: "0912345678" };

describe("the journal's one writer", () => {
  it("names the trigger that turns each entry into outbox events, and that trigger is there", async () => {
    const r = await sql<{ table: string }>`
      SELECT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname = ${OUTBOX_TRIGGER}`.execute(db);
    expect(r.rows).toEqual([{ table: "dossier_action" }]);
  });

  it("a reception and an action each leave one entry and one outbox event per enabled topic", async () => {
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(component, person),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const f = await t.call("POST", `/api/v1/dossiers/${r.body.code}/actions`, {
      as: "desk",
      body: { type: "forward" },
    });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    const d = await db
      .selectFrom("dossier")
      .select(["id", "last_seq", "status"])
      .where("code", "=", r.body.code)
      .executeTakeFirstOrThrow();
    const entries = await db
      .selectFrom("dossier_action")
      .select(["seq", "type", "to_status"])
      .where("dossier_id", "=", d.id)
      .orderBy("seq")
      .execute();
    expect(entries.map((e) => e.type)).toEqual(["receive", "forward"]);
    expect(d.last_seq).toBe(2);
    expect(entries.at(-1)?.to_status).toBe(d.status);
    const topics = await sql<{ topic: string }>`SELECT topic FROM outbox_topic WHERE enabled`.execute(db);
    const events = await db.selectFrom("outbox_event").select("seq").where("dossier_id", "=", d.id).execute();
    expect(events.length).toBe(2 * topics.rows.length);
  });

  it("refuses a history whose projection does not end where its journal does, writing nothing", async () => {
    const before = await db
      .selectFrom("dossier")
      .select(db.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const bad = {
      dossiers: [{ id: "999999001", code: "X-1", status: "processing", last_seq: 1 }],
      actions: [{ dossier_id: "999999001", seq: 1, to_status: "received" }],
    } as unknown as Parameters<typeof appendHistory>[1];
    await expect(
      db.transaction().execute((tx) => appendHistory(tx, bad, { publish: false, kpi: "refresh" })),
    ).rejects.toThrow(/last entry says received/);
    const after = await db
      .selectFrom("dossier")
      .select(db.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
