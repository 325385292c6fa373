import { describe, expect, it } from "vitest";
import { verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00"); // Monday
// Thủ tục đăng ký kết hôn: 5 working days in the catalogue? The test reads what the process says.
const PROCEDURE = "1.000894";
const component = (
  await db
    .selectFrom("procedure")
    .select("components")
    .where("code", "=", PROCEDURE)
    .executeTakeFirstOrThrow()
).components[0]?.name as string;

const reception = (over: Record<string, unknown> = {}) => ({
  procedureCode: PROCEDURE,
  channel: 1,
  applicant: { kind: "individual", name: "Nguyễn Văn An", idNumber: "035085000123", phone: "0912345678" },
  submission: { by: "applicant", vneidVerified: false, agencyNetwork: false },
  components: [{ name: component, form: "paper" }],
  outcome: "accept",
  ...over,
});

async function receive(over: Record<string, unknown> = {}) {
  const r = await t.call("POST", "/api/v1/dossiers", { as: "desk", body: reception(over) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { code: string; pin: string; dueAt: string | null; dvcqgStatus: number };
}

async function act(code: string, as: string, body: Record<string, unknown>) {
  const r = await t.call("POST", `/api/v1/dossiers/${code}/actions`, { as, body });
  return r;
}

async function must(code: string, as: string, body: Record<string, unknown>): Promise<number> {
  const r = await act(code, as, body);
  expect(r.status, `${body.type} by ${as}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body.dvcqgStatus as number;
}

const view = async (code: string, as = "desk") =>
  (await t.call("GET", `/api/v1/dossiers/${code}`, { as })).body;

describe("reception", () => {
  it("accepts a dossier with a Circular 01/2018 code, a PIN and a due date; DVCQG 2", async () => {
    const d = await receive();
    expect(d.code).toMatch(/^DEMO\.37\.TTPVHCC-260309-\d{4}$/);
    expect(d.pin).toMatch(/^\d{6}$/);
    expect(d.dvcqgStatus).toBe(2);
    expect(d.dueAt).not.toBeNull();
  });

  it("refuses at reception with a reason: DVCQG 3, no due date", async () => {
    const d = await receive({ outcome: "refuse", reason: "Thủ tục không thuộc thẩm quyền" });
    expect([d.dvcqgStatus, d.dueAt]).toEqual([3, null]);
  });

  it("asks for completion with one consolidated list (form 02) before acceptance, then accepts", async () => {
    const d = await receive({
      outcome: "request-completion",
      reason: "Thiếu giấy tờ",
      missingItems: ["Tờ khai", "Bản sao CCCD"],
    });
    expect(d.dvcqgStatus).toBe(5);
    expect(await must(d.code, "desk", { type: "accept" })).toBe(2);
    expect((await view(d.code)).dueAt).not.toBeNull();
  });

  it("rejects an invalid CCCD, an unknown component and a missing reason with Vietnamese messages", async () => {
    const bad = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: reception({ applicant: { kind: "individual", name: "A B", idNumber: "123" } }),
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "IDENTITY_BAD_FORMAT"]);
    const unknown = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: reception({ components: [{ name: "Giấy không có thật" }] }),
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "RECEPTION_UNKNOWN_COMPONENTS"]);
    const noReason = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: reception({ outcome: "refuse" }),
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain("Dữ liệu gửi lên không hợp lệ");
  });

  it("requires a login, and the desk role", async () => {
    expect((await t.call("POST", "/api/v1/dossiers", { body: reception() })).status).toBe(401);
    expect((await t.call("POST", "/api/v1/dossiers", { as: "specialist", body: reception() })).status).toBe(
      403,
    );
  });

  it("is idempotent: a retried reception with the same Idempotency-Key creates one dossier", async () => {
    const headers = { "idempotency-key": "retry-test-0001" };
    const first = await t.call("POST", "/api/v1/dossiers", { as: "desk", body: reception(), headers });
    const second = await t.call("POST", "/api/v1/dossiers", { as: "desk", body: reception(), headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.pin).toBe(first.body.pin);
    expect(second.body.code).toBe(first.body.code);
    expect(second.body.replayed).toBe(true);
  });

  it("records who physically submitted and the session facts", async () => {
    const d = await receive({
      channel: 2,
      submission: { by: "official", vneidVerified: false, agencyNetwork: true },
    });
    expect((await view(d.code)).submission).toEqual({
      by: "official",
      vneidVerified: false,
      agencyNetwork: true,
    });
  });
});

describe("processing paths, with the DVCQG code of each state", () => {
  it("accept → forward → appraise → review → approve → issue → return", async () => {
    const d = await receive();
    const codes = [d.dvcqgStatus];
    codes.push(await must(d.code, "desk", { type: "forward" }));
    codes.push(await must(d.code, "specialist", { type: "forward", note: "Hồ sơ hợp lệ" }));
    codes.push(await must(d.code, "head", { type: "forward" }));
    codes.push(await must(d.code, "leader", { type: "approve" }));
    codes.push(await must(d.code, "clerk", { type: "issue-result", resultCodes: ["KQ.G15.000032"] }));
    codes.push(await must(d.code, "desk", { type: "return-result", method: "desk" }));
    expect(codes).toEqual([2, 4, 4, 4, 4, 9, 10]);
    const history = (await t.call("GET", `/api/v1/dossiers/${d.code}/history?limit=3`, { as: "desk" })).body;
    expect(history.items.map((a: { type: string }) => a.type)).toEqual(["receive", "forward", "forward"]);
    expect(history.next).toBe(3);
  });

  it("an illegal action is a 409 with the reason, and the journal does not move", async () => {
    const d = await receive();
    const r = await act(d.code, "clerk", { type: "issue-result" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain("Không thể ban hành kết quả");
    const history = (await t.call("GET", `/api/v1/dossiers/${d.code}/history`, { as: "desk" })).body;
    expect(history.items).toHaveLength(1);
  });

  it("a supplement request pauses the clock (5) and resubmission resumes it, extending the due date", async () => {
    t.setNow("2026-03-09T08:00:00+07:00");
    const d = await receive();
    await must(d.code, "desk", { type: "forward" });
    t.setNow("2026-03-09T09:00:00+07:00");
    expect(
      await must(d.code, "specialist", {
        type: "request-supplement",
        note: "Thiếu bản sao",
        missingItems: ["Bản sao giấy khai sinh"],
      }),
    ).toBe(5);
    expect((await view(d.code)).flags.paused).toBe(true);
    t.setNow("2026-03-10T09:00:00+07:00"); // one working day later
    expect(await must(d.code, "desk", { type: "resubmit" })).toBe(4);
    const after = await view(d.code);
    expect(after.flags.paused).toBe(false);
    // Paused for exactly one working day (8 h): the appointment moves by one working day.
    const shift = (Date.parse(after.dueAt) - Date.parse(d.dueAt ?? "")) / 3_600_000;
    expect([24, 72]).toContain(shift); // next day, or over a weekend
  });

  it("payment request (6) then confirmation (4); withdrawal (7); stop (8)", async () => {
    const pay = await receive();
    await must(pay.code, "desk", { type: "forward" });
    expect(await must(pay.code, "specialist", { type: "request-payment", amountVnd: 100000 })).toBe(6);
    expect(await must(pay.code, "desk", { type: "confirm-payment", online: true })).toBe(4);

    const withdrawn = await receive();
    expect(await must(withdrawn.code, "desk", { type: "withdraw", note: "Công dân xin rút hồ sơ" })).toBe(7);

    const stopped = await receive();
    await must(stopped.code, "desk", { type: "forward" });
    expect(await must(stopped.code, "leader", { type: "stop", note: "Đối tượng không đủ điều kiện" })).toBe(
      8,
    );
    expect((await act(stopped.code, "specialist", { type: "forward" })).status).toBe(409);
  });

  it("a refusal after appraisal is a negative result: 9 then 10", async () => {
    const d = await receive();
    await must(d.code, "desk", { type: "forward" });
    await must(d.code, "specialist", { type: "forward" });
    await must(d.code, "head", { type: "forward" });
    await must(d.code, "leader", { type: "approve" });
    expect(
      await must(d.code, "clerk", { type: "issue-result", kind: "negative", note: "Văn bản từ chối" }),
    ).toBe(9);
    expect((await view(d.code)).resultKind).toBe("negative");
  });

  it("liên thông: a sub-case at another agency must close before the result", async () => {
    const d = await receive();
    await must(d.code, "desk", { type: "forward" });
    await must(d.code, "specialist", {
      type: "open-subcase",
      agencyCode: "DEMO.37.STP",
      budgetMinutes: 960,
      note: "Xác minh hộ tịch",
    });
    await must(d.code, "specialist", { type: "forward" });
    await must(d.code, "head", { type: "forward" });
    await must(d.code, "leader", { type: "approve" });
    const blocked = await act(d.code, "clerk", { type: "issue-result" });
    expect([blocked.status, blocked.body.error.message]).toEqual([
      409,
      expect.stringContaining("liên thông"),
    ]);
    const sub = (await view(d.code)).subcases[0];
    expect(sub.dueAt).not.toBeNull();
    await must(d.code, "head", { type: "close-subcase", subcaseId: sub.id, note: "Đã có kết quả xác minh" });
    expect(await must(d.code, "clerk", { type: "issue-result" })).toBe(9);
  });

  it("late: one re-appointment (form 04) is allowed, a second is refused with 409, and the dossier stays late", async () => {
    t.setNow("2026-03-09T08:00:00+07:00");
    const d = await receive();
    await must(d.code, "desk", { type: "forward" });
    t.setNow("2026-04-20T08:00:00+07:00");
    expect((await view(d.code)).flags.overdue).toBe(true);
    await must(d.code, "leader", {
      type: "reappoint",
      note: "Cần xác minh thêm",
      newDueAt: "2026-04-24T17:00:00+07:00",
    });
    const again = await act(d.code, "leader", {
      type: "reappoint",
      note: "Lần hai",
      newDueAt: "2026-04-30T17:00:00+07:00",
    });
    expect([again.status, again.body.error.message]).toEqual([409, expect.stringContaining("một lần")]);
    const v = await view(d.code);
    expect([v.flags.reappointed, v.flags.late, v.dueAt]).toEqual([true, true, "2026-04-24T17:00:00+07:00"]);
    t.setNow("2026-03-09T08:00:00+07:00");
  });
});

describe("the deadline pass", () => {
  it("lists dossiers due within one working day with a drafted form 04, and marks overdue ones late", async () => {
    t.setNow("2026-03-16T08:00:00+07:00");
    const d = await receive(); // one working day: due Tuesday 08:00
    await must(d.code, "desk", { type: "forward" });
    const soon = (await t.call("GET", "/api/v1/deadlines/due-soon", { as: "leader" })).body.items;
    const mine = soon.find((x: { code: string }) => x.code === d.code);
    expect((await view(d.code)).flags).toMatchObject({ dueSoon: true, overdue: false });
    expect(mine.draftForm04.apologyVi).toContain("xin lỗi");
    expect(Date.parse(mine.draftForm04.proposedDueAt)).toBeGreaterThan(Date.parse(mine.dueAt));
    t.setNow("2026-03-18T08:00:00+07:00");
    expect((await t.call("POST", "/api/v1/deadlines/scan", { as: "leader" })).status).toBe(403);
    const scan = await t.call("POST", "/api/v1/deadlines/scan", { as: "admin" });
    expect(scan.body.markedLate).toBeGreaterThan(0);
    expect((await view(d.code)).flags.late).toBe(true);
    t.setNow("2026-03-09T08:00:00+07:00");
  });
});

describe("what officials and citizens see", () => {
  it("an official outside the dossier's agencies is answered as if it did not exist, on it, its journal, trail and forms; a supervisor may read", async () => {
    const d = await receive();
    for (const path of ["", "/history", "/trail", "/forms/01.pdf"]) {
      const r = await t.call("GET", `/api/v1/dossiers/${d.code}${path}`, { as: "desk.13285" });
      const none = await t.call("GET", `/api/v1/dossiers/2603-KHONG-CO${path}`, { as: "desk.13285" });
      expect([path, r.status, JSON.stringify(r.body).replaceAll(d.code, "•")]).toEqual([
        path,
        404,
        JSON.stringify(none.body).replaceAll("2603-KHONG-CO", "•"),
      ]);
    }
    expect((await t.call("GET", `/api/v1/dossiers/${d.code}`, { as: "supervisor" })).status).toBe(200);
  });

  it("the dossier lists only the actions the caller may take", async () => {
    const d = await receive();
    expect((await view(d.code, "desk")).availableActions).toContain("forward");
    expect((await view(d.code, "specialist")).availableActions).toEqual([]);
  });

  it("the inbox is ordered by due date and paged with a cursor", async () => {
    const first = (await t.call("GET", "/api/v1/inbox?limit=5", { as: "desk" })).body;
    expect(first.items.length).toBe(5);
    const dues = first.items.map((i: { dueAt: string | null }) => i.dueAt ?? "9999");
    expect([...dues].sort()).toEqual(dues);
    const second = (
      await t.call("GET", `/api/v1/inbox?limit=5&cursor=${encodeURIComponent(first.next)}`, { as: "desk" })
    ).body;
    const codes = new Set(first.items.map((i: { code: string }) => i.code));
    expect(second.items.some((i: { code: string }) => codes.has(i.code))).toBe(false);
  });

  it("a citizen tracks with code and PIN, sees plain Vietnamese and no one's personal data", async () => {
    const d = await receive();
    const r = await t.call("GET", `/api/v1/public/dossiers/${d.code}?pin=${d.pin}`);
    expect(r.status).toBe(200);
    expect(r.body.statusLabel).toBe("Đã tiếp nhận");
    expect(JSON.stringify(r.body)).not.toContain("035085000123");
    expect(JSON.stringify(r.body)).not.toContain("Nguyễn Văn An");
    const wrong = await t.call(
      "GET",
      `/api/v1/public/dossiers/${d.code}?pin=000000${d.pin === "000000" ? "1" : ""}`,
    );
    expect(wrong.status).toBe(d.pin === "000000" ? 400 : 404);
  });
});

describe("dossier codes under concurrency", () => {
  it("500 parallel receptions get 500 distinct, gap-free codes", async () => {
    t.setNow("2026-03-11T08:00:00+07:00");
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        t.call("POST", "/api/v1/dossiers", { as: "desk", body: reception() }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = results.map((r) => Number(String(r.body.code).split("-").at(-1))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(500);
    expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });
});

describe("reform indicators kept with every action", () => {
  it("after all the actions above, the aggregates equal a recompute from the dossiers and journals", async () => {
    const r = await verifyKpi(db);
    expect(r, JSON.stringify(r)).toMatchObject({
      ok: true,
      journal: [],
      facts: [],
      cellsDiffer: [],
      rollups: [],
    });
    expect(r.dossiers).toBeGreaterThan(10);
  });
});
