import ExcelJS from "exceljs";
import { sql } from "kysely";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { sendDueReminders } from "../../src/oversight/steering/reminders.service.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00"); // Monday
const STP = "DEMO.37.STP";
const CENTRE = "DEMO.37.TTPVHCC";
const commune = (
  await db
    .selectFrom("agency")
    .select("code")
    .where("kind", "=", "commune-committee")
    .orderBy("code")
    .executeTakeFirstOrThrow()
).code;
// Officials of other agencies, with the demo password.
const demo = await db
  .selectFrom("official")
  .select("password_hash")
  .where("username", "=", "head")
  .executeTakeFirstOrThrow();
await db
  .insertInto("official")
  .values([
    {
      username: "leader.stp",
      full_name: "Giám đốc Sở Tư pháp",
      agency_code: STP,
      roles: ["leader"],
      password_hash: demo.password_hash,
      is_demo: true,
    },
    {
      username: "head.commune",
      full_name: "Chủ tịch xã",
      agency_code: commune,
      roles: ["head"],
      password_hash: demo.password_hash,
      is_demo: true,
    },
  ])
  .execute();

const post = (url: string, as: string, body: Record<string, unknown>) =>
  t.call("POST", `/api/v1/steering/${url}`, { as, body });
const get = (url: string, as: string) => t.call("GET", `/api/v1/steering/${url}`, { as });
const report = async (format: "xlsx" | "pdf") => {
  const r = await t.app.inject({
    method: "GET",
    url: `/api/v1/kpi/report?from=2026-01-01&to=2026-03-31&format=${format}&reason=B%C3%A1o%20c%C3%A1o%20qu%C3%BD`,
    headers: await t.as("leader"),
  });
  expect(r.statusCode).toBe(200);
  return r.rawPayload;
};

describe("overdue detailing regulations (văn bản quy định chi tiết)", () => {
  let overdueId = "";
  it("a regulation past its due date is listed overdue, counted by agency, and appears in the report", async () => {
    const body = {
      title: "Quyết định quy định chi tiết hạn mức công nhận đất ở",
      legalBasis: "Khoản 5 Điều 141 Luật Đất đai",
      agencyCode: STP,
      dueOn: "2026-02-20",
    };
    expect((await post("regulations", "supervisor", body)).status).toBe(403); // read-only
    expect((await post("regulations", "leader", body)).status).toBe(403); // the centre's leader is not over the STP
    const bad = await post("regulations", "admin", { ...body, agencyCode: "NO.SUCH" });
    expect([bad.status, bad.body.error?.code]).toEqual([422, "STEERING_AGENCY_NOT_FOUND"]);
    const made = await post("regulations", "admin", body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    overdueId = made.body.id;
    const onTime = await post("regulations", "leader.stp", {
      ...body,
      title: "Quyết định về quy chế phối hợp liên thông",
      dueOn: "2026-06-30",
    });
    expect(onTime.status).toBe(201);

    const list = await get("regulations?overdue=true", "supervisor");
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: overdueId,
      overdue: true,
      daysOverdue: 17,
      agencyName: "Sở Tư pháp",
    });
    // A commune's head sees only what the commune answers for.
    expect((await get("regulations", "head.commune")).body.items).toHaveLength(0);
    expect((await get("regulations", "leader.stp")).body.items).toHaveLength(2);

    const summary = await get("summary?from=2026-01-01&to=2026-03-31", "leader");
    expect(summary.body.regulations).toMatchObject({ owed: 2, issued: 0, overdue: 1 });
    expect(summary.body.regulations.byAgency).toEqual([
      { code: STP, name: "Sở Tư pháp", owed: 2, issued: 0, overdue: 1 },
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await report("xlsx")) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Chỉ đạo điều hành") as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const agencyRow = rows.find((r) => r[0] === "Sở Tư pháp");
    expect(agencyRow?.slice(0, 4)).toEqual(["Sở Tư pháp", 2, 0, 1]);
    const item = rows.find((r) => String(r[0]).startsWith("Quyết định quy định chi tiết hạn mức"));
    expect(item?.[2]).toBe(17);
    const pdf = await getDocumentProxy(new Uint8Array(await report("pdf")));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain("quá hạn chưa ban hành 1");
    expect(text).toContain("Quyết định quy định chi tiết hạn mức công nhận đất ở");
  });

  it("rescheduled and issued after the first due date: no longer overdue, but issued late", async () => {
    const act = (as: string, body: Record<string, unknown>) =>
      post(`regulations/${overdueId}/actions`, as, body);
    expect(
      (await act("leader.stp", { type: "reschedule", dueOn: "2026-04-30", note: "Chờ nghị định" })).status,
    ).toBe(200);
    expect((await get("regulations?overdue=true", "admin")).body.items).toHaveLength(0);
    const future = await act("leader.stp", {
      type: "issue",
      number: "12/2026/QĐ-UBND",
      issuedOn: "2026-03-20",
      note: "",
    });
    expect([future.status, future.body.error?.code]).toEqual([422, "STEERING_INVALID"]);
    expect((await act("head.commune", { type: "submit", note: "" })).status).toBe(403);
    expect((await act("leader.stp", { type: "submit", note: "" })).body.status).toBe("submitted");
    expect(
      (
        await act("leader.stp", {
          type: "issue",
          number: "12/2026/QĐ-UBND",
          issuedOn: "2026-03-06",
          note: "",
        })
      ).body.status,
    ).toBe("issued");
    const one = await get(`regulations/${overdueId}`, "admin");
    expect(one.body).toMatchObject({
      status: "issued",
      dueOn: "2026-04-30",
      originalDueOn: "2026-02-20",
      issuedLate: true,
      issuedNumber: "12/2026/QĐ-UBND",
    });
    expect(one.body.journal.map((j: { type: string }) => j.type)).toEqual([
      "register",
      "reschedule",
      "submit",
      "issue",
    ]);
    expect((await act("leader.stp", { type: "cancel", note: "không cần nữa" })).status).toBe(409);
  });

  it("reminders before the due date and after it, once each, to the responsible agency", async () => {
    await post("regulations", "admin", {
      title: "Quyết định quy định mức thu phí thẩm định",
      legalBasis: "Luật Phí và lệ phí",
      agencyCode: STP,
      dueOn: "2026-03-14",
    });
    const task = await post("tasks", "admin", {
      area: "procedural",
      title: "Rà soát TTHC không phát sinh hồ sơ",
      agencyCode: commune,
      dueOn: "2026-03-01",
    });
    expect(task.status).toBe(201);
    const now = new Date("2026-03-09T08:00:00+07:00");
    expect(await sendDueReminders(db, [30, 7, 1], now)).toBe(2); // due-7 and the overdue task; April and June are further than 30 days
    expect(await sendDueReminders(db, [30, 7, 1], now)).toBe(0);
    const stp = await get("reminders", "leader.stp");
    expect(stp.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual(["due-7"]);
    const com = await get("reminders", "head.commune");
    expect(com.body.items).toMatchObject([{ kind: "overdue", entity: "task", dueOn: "2026-03-01" }]);
    expect(com.body.unread).toBe(1);
    expect((await post(`reminders/${com.body.items[0].id}/read`, "leader.stp", {})).body.read).toBe(false);
    expect((await post(`reminders/${com.body.items[0].id}/read`, "head.commune", {})).body.read).toBe(true);
    expect((await get("reminders", "head.commune")).body.unread).toBe(0);
  });
});

describe("inspections (kiểm tra CCHC)", () => {
  it("a finding followed from the inspection to its closure", async () => {
    const plan = await post("inspections", "admin", {
      title: "Kiểm tra công tác CCHC năm 2026 tại xã",
      targetAgency: commune,
      inspectorAgency: CENTRE,
      leadName: "Trưởng đoàn Nguyễn Văn Kiểm",
      startsOn: "2026-03-10",
      endsOn: "2026-03-12",
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const id = plan.body.id;
    const finding = {
      description: "Niêm yết TTHC tại Bộ phận Một cửa chưa cập nhật",
      ownerAgency: commune,
      remedyDueOn: "2026-03-31",
      procedureCode: "1.000894",
    };
    expect((await post(`inspections/${id}/findings`, "admin", finding)).status).toBe(409); // not started
    expect((await post(`inspections/${id}/actions`, "leader", { type: "start", note: "" })).body.status).toBe(
      "in-progress",
    );
    const noDossier = await post(`inspections/${id}/findings`, "leader", {
      ...finding,
      dossierCode: "KHONG-CO",
    });
    expect([noDossier.status, noDossier.body.error?.code]).toEqual([422, "STEERING_INVALID"]);
    expect((await post(`inspections/${id}/findings`, "head.commune", finding)).status).toBe(403);
    const f = await post(`inspections/${id}/findings`, "leader", finding);
    expect(f.status).toBe(201);
    const act = (as: string, body: Record<string, unknown>) =>
      post(`findings/${f.body.id}/actions`, as, body);

    expect(
      (await act("head.commune", { type: "report-remedy", remedy: "Đã niêm yết lại theo danh mục mới." }))
        .body.status,
    ).toBe("remedied");
    // The one who remedies does not close their own finding.
    expect((await act("head.commune", { type: "close", note: "" })).status).toBe(403);
    expect((await act("leader", { type: "reject", note: "Thiếu 3 thủ tục mới" })).body.status).toBe("open");
    t.setNow("2026-04-02T09:00:00+07:00");
    const late = await get("findings?overdue=true", "supervisor");
    expect(late.body.items).toMatchObject([
      { id: f.body.id, overdue: true, daysOverdue: 2, procedureCode: "1.000894" },
    ]);
    expect(
      (await act("leader", { type: "extend", remedyDueOn: "2026-04-15", note: "Chờ danh mục công bố" })).body
        .status,
    ).toBe("open");
    expect(
      (await act("head.commune", { type: "report-remedy", remedy: "Đã niêm yết đủ, kèm ảnh chụp." })).body
        .status,
    ).toBe("remedied");
    expect((await act("leader", { type: "close", note: "Đạt" })).body.status).toBe("closed");
    expect(
      (await act("head.commune", { type: "report-remedy", remedy: "Báo cáo lại lần nữa cho chắc." })).status,
    ).toBe(409);
    expect(
      (
        await post(`inspections/${id}/actions`, "leader", {
          type: "complete",
          conclusion: "Đơn vị đã khắc phục toàn bộ tồn tại.",
        })
      ).body.status,
    ).toBe("completed");

    const list = await get("inspections", "head.commune");
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].findings).toMatchObject([
      { status: "closed", overdue: false, remedy: "Đã niêm yết đủ, kèm ảnh chụp." },
    ]);
    const journal = await get(`journal/finding/${f.body.id}`, "supervisor");
    expect(journal.body.items.map((j: { type: string }) => j.type)).toEqual([
      "record",
      "report-remedy",
      "reject",
      "extend",
      "report-remedy",
      "close",
    ]);
    expect((await get(`journal/finding/${f.body.id}`, "desk")).status).toBe(403);
    const summary = await get("summary?from=2026-01-01&to=2026-04-30", "admin");
    expect(summary.body.findings).toEqual({ total: 1, open: 0, remedied: 0, closed: 1, overdue: 0 });
  });
});

describe("reform tasks and the journal", () => {
  it("progress up to 100% finishes a task; the report counts tasks by area", async () => {
    const made = await post("tasks", "leader.stp", {
      area: "institutional",
      title: "Rà soát văn bản quy phạm pháp luật",
      agencyCode: STP,
      dueOn: "2026-06-30",
    });
    expect(made.status).toBe(201);
    const act = (as: string, body: Record<string, unknown>) =>
      post(`tasks/${made.body.id}/actions`, as, body);
    expect((await act("supervisor", { type: "progress", progress: 50, note: "" })).status).toBe(403);
    expect((await act("leader.stp", { type: "progress", progress: 50, note: "" })).body).toEqual({
      status: "open",
      progress: 50,
    });
    expect((await act("leader.stp", { type: "progress", progress: 100, note: "Xong" })).body).toEqual({
      status: "done",
      progress: 100,
    });
    const tasks = (await get("tasks?area=institutional", "admin")).body.items;
    expect(tasks).toMatchObject([
      { status: "done", doneOn: "2026-04-02", doneLate: false, areaName: "Cải cách thể chế" },
    ]);
    const summary = await get("summary?from=2026-01-01&to=2026-04-30", "admin");
    const byArea = Object.fromEntries(summary.body.tasks.map((a: { area: string }) => [a.area, a]));
    expect(byArea.institutional).toMatchObject({ total: 1, done: 1, overdue: 0, progress: 100 });
    expect(byArea.procedural).toMatchObject({ total: 1, done: 0, overdue: 1 });
    expect(summary.body.tasks).toHaveLength(6);
  });

  it("the journal is append-only in the database", async () => {
    await expect(sql`UPDATE steering_event SET note = 'sửa'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM steering_event`.execute(db)).rejects.toThrow(/append-only/);
  });

  it("rejects malformed input with field errors and writes nothing", async () => {
    const before = await db
      .selectFrom("reform_task")
      .select(db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const r = await post("tasks", "admin", {
      area: "other",
      title: "ngắn",
      agencyCode: STP,
      dueOn: "30/06/2026",
    });
    expect(r.status).toBe(400);
    const after = await db
      .selectFrom("reform_task")
      .select(db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
