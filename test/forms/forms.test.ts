import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:30:00+07:00");
const PROCEDURE = "1.000894";
const component = (
  await db
    .selectFrom("procedure")
    .select("components")
    .where("code", "=", PROCEDURE)
    .executeTakeFirstOrThrow()
).components[0]?.name as string;

async function receive(outcome = "accept", extra: Record<string, unknown> = {}) {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: {
      procedureCode: PROCEDURE,
      channel: 1,
      applicant: {
        kind: "individual",
        name: "Trần Thị Hòa",
        idNumber: "036185000321",
        address: "Phường Hoa Lư, tỉnh Ninh Bình",
        phone: "0987654321",
      },
      submission: { by: "applicant" },
      components: [{ name: component, form: "scan" }],
      outcome,
      ...extra,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { code: string; dueAt: string; pin: string };
}

async function pdfText(
  url: string,
  as = "desk",
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; type?: string }> {
  const r = await t.app.inject({ method: "GET", url, headers: { ...(await t.as(as)), ...headers } });
  if (r.statusCode !== 200) return { status: r.statusCode, text: r.body };
  const doc = await getDocumentProxy(new Uint8Array(r.rawPayload));
  const { text } = await extractText(doc, { mergePages: true });
  return { status: 200, text: text.replace(/\s+/g, " "), type: String(r.headers["content-type"]) };
}

const act = (code: string, as: string, body: Record<string, unknown>) =>
  t.call("POST", `/api/v1/dossiers/${code}/actions`, { as, body }).then((r) => {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

describe("printable forms", () => {
  it("form 01 prints the code, applicant, due date and the tracking URL of its QR code, with diacritics", async () => {
    const d = await receive();
    const pdf = await pdfText(`/api/v1/dossiers/${d.code}/forms/01.pdf`);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.text).toContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    expect(pdf.text).toContain(d.code);
    expect(pdf.text).toContain("Trần Thị Hòa");
    expect(pdf.text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const [date, time] = d.dueAt.split("T");
    const [y, m, day] = (date ?? "").split("-");
    expect(pdf.text).toContain(`${(time ?? "").slice(0, 5)} ngày ${day}/${m}/${y}`);
    // The configured public address (MOTCUA_PUBLIC_URL), not the deployment file's default.
    expect(pdf.text).toContain(`http://127.0.0.1:3000/tra-cuu?ma=${encodeURIComponent(d.code)}`);
    expect(pdf.text).toContain("Mã tra cứu (PIN): đã cấp khi tiếp nhận hồ sơ");
  });

  it("form 01 prints the PIN the reception answered when the desk sends it; a wrong one is 422", async () => {
    const d = (await receive()) as { code: string; pin?: string };
    const pin = String(d.pin);
    const pdf = await pdfText(`/api/v1/dossiers/${d.code}/forms/01.pdf`, "desk", { "x-receipt-pin": pin });
    expect(pdf.text).toContain(`Mã tra cứu (PIN): ${pin}`);
    const wrong = pin === "000000" ? "000001" : "000000";
    const r = await pdfText(`/api/v1/dossiers/${d.code}/forms/01.pdf`, "desk", { "x-receipt-pin": wrong });
    expect(r.status).toBe(422);
    expect(r.text).toContain("RECEIPT_PIN_MISMATCH");
    expect(r.text).not.toContain(pin);
  });

  it("form 02 lists what to supplement, once; form 03 gives the refusal reason", async () => {
    const incomplete = await receive("request-completion", {
      reason: "Hồ sơ chưa đầy đủ",
      missingItems: ["Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân"],
    });
    const f02 = await pdfText(`/api/v1/dossiers/${incomplete.code}/forms/02.pdf`);
    expect(f02.text).toContain("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
    expect(f02.text).toContain("Giấy xác nhận tình trạng hôn nhân");
    const refused = await receive("refuse", { reason: "Không thuộc thẩm quyền giải quyết" });
    const f03 = await pdfText(`/api/v1/dossiers/${refused.code}/forms/03.pdf`);
    expect(f03.text).toContain("Không thuộc thẩm quyền giải quyết");
  });

  it("a form that does not apply is a 409, e.g. form 05 for a dossier not stopped", async () => {
    const d = await receive();
    expect((await pdfText(`/api/v1/dossiers/${d.code}/forms/05.pdf`)).status).toBe(409);
    expect((await pdfText(`/api/v1/dossiers/${d.code}/forms/09.pdf`)).status).toBe(400);
  });

  it("forms 04 and 05 carry the apology with the new date and the stopping reason", async () => {
    const d = await receive();
    await act(d.code, "desk", { type: "forward" });
    await act(d.code, "leader", {
      type: "reappoint",
      note: "Chờ kết quả xác minh",
      newDueAt: "2026-03-20T16:00:00+07:00",
    });
    const f04 = await pdfText(`/api/v1/dossiers/${d.code}/forms/04.pdf`);
    expect(f04.text).toContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
    expect(f04.text).toContain("16:00 ngày 20/03/2026");
    await act(d.code, "leader", { type: "stop", note: "Người yêu cầu không đủ điều kiện" });
    expect((await pdfText(`/api/v1/dossiers/${d.code}/forms/05.pdf`)).text).toContain(
      "Người yêu cầu không đủ điều kiện",
    );
  });

  it("form 06 lists each hand-over with its verdict, and form 07 registers the day's dossiers", async () => {
    t.setNow("2026-03-09T08:30:00+07:00");
    const d = await receive();
    await act(d.code, "desk", { type: "forward" });
    t.setNow("2026-03-09T10:00:00+07:00");
    await act(d.code, "specialist", { type: "forward" });
    const f06 = await pdfText(`/api/v1/dossiers/${d.code}/forms/06.pdf`);
    expect(f06.text).toContain("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
    expect(f06.text).toContain("Chuyên viên thẩm định");
    expect(f06.text).toMatch(/Trước hạn|Đúng hạn/);
    const f07 = await pdfText(
      "/api/v1/registers/07.pdf?from=2026-03-09&to=2026-03-09&reason=S%E1%BB%95%20theo%20d%C3%B5i",
    );
    expect(f07.text).toContain("SỔ THEO DÕI HỒ SƠ");
    expect(f07.text).toContain(d.code);
  });
});

describe("responsibility trail", () => {
  it("flags ping-pong after three hand-overs between the same two holders, and a stall past the step's budget", async () => {
    t.setNow("2026-03-09T08:30:00+07:00");
    const d = await receive();
    await act(d.code, "desk", { type: "forward" });
    await act(d.code, "specialist", { type: "forward" });
    await act(d.code, "head", { type: "send-back", note: "Bổ sung ý kiến thẩm định" });
    await act(d.code, "specialist", { type: "forward" });
    t.setNow("2026-04-30T08:30:00+07:00");
    const trail = (await t.call("GET", `/api/v1/dossiers/${d.code}/trail`, { as: "head" })).body;
    expect(trail.pingPong.times).toBe(3);
    expect(trail.stalled).toBe(true);
    expect(trail.holdings.map((h: { stepKey: string | null }) => h.stepKey)).toEqual([
      null,
      "appraisal",
      "review",
      "appraisal",
      "review",
    ]);
    expect(trail.holdings[0].workingHours).toBe(0);
    t.setNow("2026-03-09T08:30:00+07:00");
  });
});
