import { describe, expect, it } from "vitest";
import { pinHash } from "../../src/casework/dossiers/reception.service.ts";
import { verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { CENTRE, insertHandDossiers } from "../kpi/hand-built.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00"); // Monday

const submit = (body: Record<string, unknown>) =>
  t.call("POST", "/api/v1/public/feedback", {
    body: {
      kind: "complaint",
      title: "Thái độ tiếp dân",
      content: "Cán bộ hẹn nhiều lần mà chưa giải quyết.",
      ...body,
    },
  });
const card = async () =>
  (await t.call("GET", "/api/v1/kpi/scorecard?from=2026-03-01&to=2026-03-31")).body as {
    figures: Record<string, number>;
    indicators: { id: string; numerator: number; denominator: number; rate: number | null }[];
  };
const ind = (c: Awaited<ReturnType<typeof card>>, id: string) => c.indicators.find((i) => i.id === id);

describe("phản ánh, kiến nghị (PAKN)", () => {
  it("from submission to a published answer, with its deadline in working days", async () => {
    const s = await submit({ subject: "agency", agencyCode: CENTRE, anonymous: true, name: "Không ghi" });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body.code).toBe("PAKN-260309-0001");
    expect(s.body.agencyCode).toBe(CENTRE);
    // Ten working days from Monday 9 March 08:00: Monday 23 March 08:00.
    expect(s.body.dueAt).toBe("2026-03-23T01:00:00.000Z");
    const { code, pin } = s.body;
    const seen = await t.call("GET", `/api/v1/public/feedback/${code}?pin=${pin}`);
    expect([seen.status, seen.body.status, seen.body.statusLabel]).toEqual([200, "received", "Đã tiếp nhận"]);
    expect((await t.call("GET", `/api/v1/public/feedback/${code}?pin=000000`)).status).toBe(404);

    const inbox = await t.call("GET", "/api/v1/feedback", { as: "head" });
    const row = inbox.body.items.find((f: { code: string }) => f.code === code);
    expect(row).toMatchObject({ submitterName: "", overdue: false }); // anonymous: nothing kept
    const specialist = await db
      .selectFrom("official")
      .select("id")
      .where("username", "=", "specialist")
      .executeTakeFirstOrThrow();
    const act = (as: string, body: Record<string, unknown>) =>
      t.call("POST", `/api/v1/feedback/${code}/actions`, { as, body });
    expect((await act("head", { type: "assign", officialId: specialist.id })).body.status).toBe("assigned");
    // A desk officer of the province's communes does not answer the centre's PAKN.
    expect(
      (await act("desk.13285", { type: "answer", answer: "Trả lời không đúng thẩm quyền." })).status,
    ).toBe(403);
    t.setNow("2026-03-12T10:00:00+07:00");
    const answered = await act("specialist", {
      type: "answer",
      answer: "Trung tâm đã làm việc với cán bộ và xin lỗi ông/bà; hồ sơ đã được giải quyết.",
      publish: true,
    });
    expect(answered.body.status).toBe("answered");
    const published = await t.call("GET", "/api/v1/public/feedback-answers");
    const pub = published.body.items.find((f: { code: string }) => f.code === code);
    expect(pub).toMatchObject({ title: "Thái độ tiếp dân", content: "", status: "answered" });
    expect(pub.answer).toContain("xin lỗi");
    const closed = await t.call("POST", `/api/v1/public/feedback/${code}/close?pin=${pin}`, { body: {} });
    expect(closed.body.status).toBe("closed");
    expect(
      (await act("specialist", { type: "answer", answer: "Trả lời lại lần nữa cho chắc." })).status,
    ).toBe(409);
    const journal = await db
      .selectFrom("feedback_action as a")
      .innerJoin("feedback as f", "f.id", "a.feedback_id")
      .select(["a.type", "a.to_status"])
      .where("f.code", "=", code)
      .orderBy("a.seq")
      .execute();
    expect(journal.map((j) => j.type)).toEqual(["submit", "assign", "answer", "close"]);
  });

  it("about a dossier only with its PIN, routed to its handling agency; bad input is explained in Vietnamese", async () => {
    await insertHandDossiers(db, [
      {
        code: "FB-1",
        receivedAt: "2026-03-02T09:00:00+07:00",
        firstDueAt: "2026-03-09T17:00:00+07:00",
        finishedAt: "2026-03-06T09:00:00+07:00",
        status: "returned",
        resultKind: "positive",
      },
    ]);
    await db
      .updateTable("dossier")
      .set({ pin_hash: pinHash("FB-1", "123456") })
      .where("code", "=", "FB-1")
      .execute();
    expect((await submit({ subject: "dossier", dossierCode: "FB-1", dossierPin: "654321" })).status).toBe(
      404,
    );
    const missing = await submit({ subject: "dossier", dossierCode: "FB-1" });
    expect([missing.status, JSON.stringify(missing.body)]).toEqual([
      400,
      expect.stringContaining("mã tra cứu (PIN)"),
    ]);
    const before = await card();
    const s = await submit({
      subject: "dossier",
      dossierCode: "FB-1",
      dossierPin: "123456",
      name: "Trần Thị Bình",
    });
    expect([s.status, s.body.agencyCode]).toEqual([201, "DEMO.37.STP"]);
    // 5.4: the dossier now counts as one with a PAKN.
    const after = await card();
    expect(after.figures.p_disliked).toBe((before.figures.p_disliked ?? 0) + 1);
  });

  it("indicator 5.2: answered on time + open within the deadline at the period's end, over PAKN active in it", async () => {
    t.setNow("2026-03-16T08:00:00+07:00");
    // Due 30 March; never answered: overdue at the end of March.
    await submit({ subject: "procedure", procedureCode: "1.000894", kind: "suggestion" });
    t.setNow("2026-03-27T08:00:00+07:00");
    // Due 10 April: within its deadline on 31 March.
    await submit({ subject: "procedure", procedureCode: "1.000894", kind: "suggestion" });
    const c = await card();
    // Active: the two PAKN before (one answered on time; the one about FB-1, filed on 12 March
    // and due 26 March, still open: overdue) and these two (one overdue, one within): 4.
    expect(c.figures.f_active).toBe(4);
    expect([ind(c, "5.2")?.numerator, ind(c, "5.2")?.denominator]).toEqual([2, 4]);
  });

  it("a rating moves indicator 5.4, once, and only after the result was returned", async () => {
    await insertHandDossiers(db, [
      {
        code: "FB-2",
        receivedAt: "2026-03-03T09:00:00+07:00",
        firstDueAt: "2026-03-10T17:00:00+07:00",
        finishedAt: "2026-03-05T09:00:00+07:00",
        status: "returned",
        resultKind: "positive",
      },
      {
        code: "FB-3",
        receivedAt: "2026-03-03T09:00:00+07:00",
        firstDueAt: "2026-03-10T17:00:00+07:00",
        status: "processing",
      },
    ]);
    for (const c of ["FB-2", "FB-3"]) {
      await db
        .updateTable("dossier")
        .set({ pin_hash: pinHash(c, "111111") })
        .where("code", "=", c)
        .execute();
    }
    const { rebuildKpi } = await import("../../src/oversight/kpi/recompute.service.ts");
    await rebuildKpi(db);
    const before = await card();
    const rate = (code: string, rating: string) =>
      t.call("POST", `/api/v1/public/dossiers/${code}/rating?pin=111111`, {
        body: { rating, comment: "Phải đi lại nhiều lần" },
      });
    expect((await rate("FB-3", "satisfied")).status).toBe(409);
    expect((await rate("FB-2", "dissatisfied")).status).toBe(200);
    expect((await rate("FB-2", "satisfied")).body.error.code).toBe("RATING_EXISTS");
    const after = await card();
    expect(ind(after, "5.4")?.numerator).toBe((ind(before, "5.4")?.numerator ?? 0) - 1);
    expect(ind(after, "5.4")?.denominator).toBe(ind(before, "5.4")?.denominator);
    // The kiosk at the desk: a desk officer of the receiving agency (the centre) opens it for the applicant.
    const kiosk = await t.call("POST", "/api/v1/dossiers/FB-1/rating", {
      as: "desk",
      body: { rating: "satisfied" },
    });
    expect(kiosk.status).toBe(200);
    expect(
      (
        await t.call("POST", "/api/v1/dossiers/FB-1/rating", {
          as: "specialist",
          body: { rating: "satisfied" },
        })
      ).status,
    ).toBe(403);
  });

  it("kpi verify counts PAKN and ratings the same way as the transactions did", async () => {
    const r = await verifyKpi(db);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  });
});
