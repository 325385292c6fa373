import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/chromium.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { createPayGovStandin } from "../../src/tools/standins/paygov.standin.ts";
import { listen } from "../integrations/standins.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { DEMO_PROCEDURE } from "../support/dossiers.ts";
import { checkAccessibility, expectNoHorizontalScroll, screenshot, signedIn } from "../support/web.ts";

// The whole product in a real browser: the desk receives, the agency processes, the leader
// approves, the clerk issues, the desk returns, and the citizen tracks it on a phone.
let browser: Browser;
let base: string;
let payGovUrl: string;

beforeAll(async () => {
  const { db } = await freshDatabase();
  const payGov = createPayGovStandin({
    partnerCode: "NB",
    secret: "s3cret",
    returnUrl: "http://127.0.0.1/return",
    faults: faultsSchema.parse({}),
  });
  payGovUrl = await listen(payGov.app);
  const t = await testApp(db, "2026-03-09T08:00:00+07:00", {
    paygov: { baseUrl: payGovUrl, partnerCode: "NB", secret: "s3cret", timeoutMs: 2_000 },
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function scanPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Ban quet to khai", { x: 50, y: 780, size: 18 });
  return Buffer.from(await doc.save());
}

/** Fills the reception form at the desk and records it; returns the code and PIN shown. */
async function receive(page: Page, outcome: "accept" | "request-completion" | "refuse", name: string) {
  await page.goto(`${base}/tiep-nhan/${DEMO_PROCEDURE}`);
  await page.getByLabel("Họ và tên / Tên tổ chức").fill(name);
  await page.getByLabel("Số định danh (CCCD 12 số) / Mã số thuế").fill("035085000123");
  // The CCCD is decoded as it is typed: sex, birth year and the province of birth registration.
  await expect.poll(() => page.getByTestId("cccd-decoded").textContent()).toContain("1985");
  await page.getByLabel("Số điện thoại").fill("0912345678");
  if (outcome === "accept") {
    const firstRow = page.getByTestId("checklist").getByRole("row").first();
    await firstRow.getByText("Bản quét", { exact: true }).click();
    await firstRow.locator('input[type="file"]').setInputFiles({
      name: "to-khai.pdf",
      mimeType: "application/pdf",
      buffer: await scanPdf(),
    });
    await expect.poll(() => firstRow.textContent()).toContain("to-khai.pdf");
  } else {
    await page.getByLabel(outcome === "refuse" ? "Từ chối (mẫu 03)" : "Yêu cầu bổ sung (mẫu 02)").check();
    await page
      .getByLabel("Lý do")
      .fill(outcome === "refuse" ? "Thủ tục không thuộc thẩm quyền" : "Thiếu giấy tờ");
  }
  await page.getByRole("button", { name: "Ghi nhận" }).click();
  const code = (await page.getByTestId("received-code").textContent({ timeout: 15_000 })) ?? "";
  const pin = (await page.getByTestId("received-pin").textContent()) ?? "";
  return { code: code.trim(), pin: pin.trim() };
}

/** Opens a dossier from the inbox (filtered by its code) and takes one action through the dialog. */
async function act(
  page: Page,
  code: string,
  action: string,
  fill?: (p: Page) => Promise<void>,
  via: "inbox" | "code" = "inbox",
) {
  if (via === "code") {
    // The citizen brings the receipt: the desk opens the dossier by its code.
    const box = page.getByRole("textbox", { name: "Mở hồ sơ theo mã (Enter)" });
    await box.fill(code);
    await box.press("Enter");
  } else {
    await page.goto(`${base}/cong-viec`);
    await page.getByLabel("Mã hồ sơ bắt đầu bằng").fill(code);
    await page
      .getByTestId("inbox")
      .getByRole("link", { name: code })
      .click()
      .catch(async (e) => {
        await screenshot(page, `failed-${action}`);
        throw e;
      });
  }
  await expect.poll(() => page.getByTestId("dossier-code").textContent()).toBe(code);
  await page
    .getByTestId("actions")
    .getByRole("button", { name: action })
    .click()
    .catch(async (e) => {
      await screenshot(page, `failed-${action}`);
      throw e;
    });
  const dialog = page.getByRole("dialog");
  if (fill) await fill(page);
  await dialog.getByRole("button", { name: /^Xác nhận/ }).click();
  await expect.poll(() => page.getByTestId("notice").textContent()).toContain(action);
}

describe("browser journey", () => {
  it("desk receives and prints form 01; specialist, head, leader, clerk process; desk returns; the citizen tracks it", async () => {
    const desk = await signedIn(browser, base, "desk");
    const { code, pin } = await receive(desk.page, "accept", "Nguyễn Văn Hành Trình");
    expect(code).toMatch(/^DEMO\.37\.TTPVHCC-260309-\d{4}$/);
    expect(pin).toMatch(/^\d{4,8}$/);
    expect(await desk.page.getByTestId("received-due").textContent()).toMatch(
      /^\d{2}\/\d{2}\/2026 \d{2}:\d{2}$/,
    );
    await screenshot(desk.page, "02-desk-received");
    // Form 01 opens as a PDF in a new tab.
    const [popup] = await Promise.all([
      desk.page.waitForEvent("popup"),
      desk.page.getByRole("button", { name: "In giấy tiếp nhận (mẫu 01)" }).click(),
    ]);
    await popup.waitForURL(/^blob:/);
    await popup.close();
    await checkAccessibility(desk.page, "reception done");

    // The scanned component was uploaded and digitised: its file shows on the dossier.
    await desk.page.getByRole("link", { name: "Mở hồ sơ" }).click();
    await expect.poll(() => desk.page.getByText("to-khai.pdf").count()).toBeGreaterThan(0);
    await checkAccessibility(desk.page, "dossier page");
    // Keyboard: F opens "forward" on the desk's step.
    await desk.page.keyboard.press("f");
    await desk.page
      .getByRole("dialog")
      .getByRole("button", { name: /^Xác nhận/ })
      .click();
    await expect.poll(() => desk.page.getByTestId("notice").textContent()).toContain("Chuyển bước tiếp");

    const specialist = await signedIn(browser, base, "specialist");
    await specialist.page.goto(`${base}/cong-viec`);
    await expect.poll(() => specialist.page.getByTestId("inbox").textContent()).toContain(code);
    await screenshot(specialist.page, "03-specialist-inbox");
    await expectNoHorizontalScroll(specialist.page); // 1366 px, the officials' screens
    await checkAccessibility(specialist.page, "inbox");
    await act(specialist.page, code, "Chuyển bước tiếp", (p) =>
      p.getByRole("dialog").getByLabel("Ý kiến xử lý").fill("Hồ sơ hợp lệ, đề nghị phê duyệt"),
    );
    await screenshot(specialist.page, "04-dossier");
    await expectNoHorizontalScroll(specialist.page);

    const head = await signedIn(browser, base, "head");
    await act(head.page, code, "Chuyển bước tiếp");
    const leader = await signedIn(browser, base, "leader");
    await act(leader.page, code, "Phê duyệt");
    const clerk = await signedIn(browser, base, "clerk");
    await act(clerk.page, code, "Ban hành kết quả", (p) =>
      p
        .getByRole("dialog")
        .getByLabel("Nội dung quyết định (in trên kết quả điện tử)")
        .fill("Cấp giấy chứng nhận kết hôn."),
    );
    await act(desk.page, code, "Trả kết quả");

    // The journal shows every step, newest last.
    const journal = (await desk.page.getByTestId("journal").textContent()) ?? "";
    for (const step of ["Chuyển bước tiếp", "Phê duyệt", "Ban hành kết quả", "Trả kết quả"])
      expect(journal).toContain(step);

    // The citizen, on a 360 px phone, from the receipt's QR link.
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await citizen.getByLabel("Mã tra cứu (in trên giấy tiếp nhận)").fill(pin);
    await citizen.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await expect.poll(() => citizen.getByTestId("tracking").textContent()).toContain("Đã trả kết quả");
    await expectNoHorizontalScroll(citizen);
    // Returned: every step of the process reads as done.
    const steps = citizen.getByTestId("tracking").getByText("đã xong", { exact: true });
    expect(await steps.count()).toBe(5);
    await checkAccessibility(citizen, "citizen tracking");
    await screenshot(citizen, "05-citizen-tracking-360");
    // The result is in hand: the citizen rates the service (indicator 5.4), once.
    await citizen.getByTestId("rating").getByRole("button", { name: "Hài lòng", exact: true }).click();
    await expect.poll(() => citizen.getByRole("status").textContent()).toBe("Cảm ơn bạn đã đánh giá.");
    for (const c of [desk, specialist, head, leader, clerk]) await c.context.close();
    await phone.close();
  }, 180_000);

  it("supplement: the specialist asks for documents, the citizen sees what is asked, the desk takes them in", async () => {
    const desk = await signedIn(browser, base, "desk");
    const { code, pin } = await receive(desk.page, "accept", "Trần Thị Bổ Sung");
    await act(desk.page, code, "Chuyển bước tiếp");
    const specialist = await signedIn(browser, base, "specialist");
    await act(specialist.page, code, "Yêu cầu bổ sung", async (p) => {
      const dialog = p.getByRole("dialog");
      await dialog
        .getByLabel("Giấy tờ cần bổ sung (mỗi dòng một loại)")
        .fill("Bản sao giấy khai sinh\nẢnh 4x6");
      await dialog.getByLabel("Lý do (bắt buộc)").fill("Thiếu giấy khai sinh");
    });
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/tra-cuu?ma=${encodeURIComponent(code)}&pin=${pin}`);
    await expect.poll(() => citizen.getByTestId("asked").textContent()).toContain("Bản sao giấy khai sinh");
    await expectNoHorizontalScroll(citizen);
    await screenshot(citizen, "06-citizen-supplement-360");
    await act(desk.page, code, "Đã nhận bổ sung", undefined, "code");
    await citizen.reload();
    await expect.poll(() => citizen.getByTestId("tracking").textContent()).toContain("Đang xử lý");
    await desk.context.close();
    await specialist.context.close();
    await phone.close();
  }, 120_000);

  it("payment: the specialist asks for the fee, the citizen pays from the tracking page on PayGov", async () => {
    const desk = await signedIn(browser, base, "desk");
    const accepted = await receive(desk.page, "accept", "Vũ Văn Nộp Phí");
    await act(desk.page, accepted.code, "Chuyển bước tiếp");
    const specialist = await signedIn(browser, base, "specialist");
    await act(specialist.page, accepted.code, "Yêu cầu nộp phí", (p) =>
      p.getByRole("dialog").getByLabel("Số tiền (₫); để trống: theo danh mục").fill("50000"),
    );
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/tra-cuu?ma=${encodeURIComponent(accepted.code)}&pin=${accepted.pin}`);
    await expect.poll(() => citizen.getByTestId("asked").textContent()).toContain("50.000 ₫");
    await citizen.getByRole("button", { name: "Nộp phí trực tuyến (PayGov)" }).click();
    await citizen.waitForURL((u) => u.href.startsWith(payGovUrl));
    await desk.context.close();
    await specialist.context.close();
    await phone.close();
  }, 120_000);

  it("refusal at the desk prints form 03; a wrong PIN gets a Vietnamese error; bad input is explained", async () => {
    const desk = await signedIn(browser, base, "desk");
    const { code } = await receive(desk.page, "refuse", "Lê Văn Từ Chối");
    await expect.poll(() => desk.page.getByRole("button", { name: "In mẫu 03" }).count()).toBe(1);
    // A reason shorter than the law's minimum is refused by the server, in Vietnamese, and nothing is recorded.
    await desk.page.goto(`${base}/tiep-nhan/${DEMO_PROCEDURE}`);
    await desk.page.getByLabel("Họ và tên / Tên tổ chức").fill("A");
    await desk.page.getByLabel("Số định danh (CCCD 12 số) / Mã số thuế").fill("035085000123");
    await desk.page.getByRole("button", { name: "Ghi nhận" }).click();
    await expect.poll(() => desk.page.getByTestId("error").textContent()).toContain("không hợp lệ");

    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/tra-cuu?ma=${encodeURIComponent(code)}&pin=00000000`);
    await expect.poll(() => citizen.getByTestId("error").textContent()).toMatch(/mã tra cứu|không đúng/i);
    await desk.context.close();
    await phone.close();
  }, 120_000);

  it("leaders see the overview and drill down; administrators see the process, calendar and officials pages", async () => {
    const leader = await signedIn(browser, base, "leader");
    await leader.page.goto(`${base}/tong-quan`);
    await expect.poll(() => leader.page.getByTestId("kpi-slot").count()).toBe(1);
    await leader.page.getByRole("button", { name: "Đang xử lý" }).first().click();
    await expect
      .poll(() => leader.page.getByTestId("drill-down").getByRole("row").count())
      .toBeGreaterThan(0);
    await checkAccessibility(leader.page, "overview");
    await screenshot(leader.page, "07-leader-overview");
    // English on one click, remembered; Vietnamese back on the next.
    await leader.page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => leader.page.getByRole("heading", { level: 1 }).textContent()).toBe("Overview");
    expect(await leader.page.evaluate(() => document.documentElement.lang)).toBe("en");
    await leader.page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect
      .poll(() => leader.page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Tổng quan tình hình giải quyết");

    const admin = await signedIn(browser, base, "admin");
    await admin.page.goto(`${base}/quan-tri/quy-trinh?ma=${DEMO_PROCEDURE}`);
    await expect.poll(() => admin.page.getByText("Phiên bản 1").count()).toBe(1);
    await admin.page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => admin.page.getByRole("status").textContent()).toContain("Đã lưu phiên bản 2");
    await admin.page.goto(`${base}/quan-tri/lich`);
    await expect.poll(() => admin.page.getByTestId("calendar-days").textContent()).toContain("Tết");
    await admin.page.goto(`${base}/quan-tri/can-bo`);
    await expect.poll(() => admin.page.getByTestId("officials").textContent()).toContain("specialist");
    await checkAccessibility(admin.page, "officials");
    await leader.context.close();
    await admin.context.close();
  }, 120_000);

  it("leaders read the 766 scorecard, open the dossiers behind a number and download the report; anyone sees the province's scorecard on a phone", async () => {
    const leader = await signedIn(browser, base, "leader");
    const page = leader.page;
    await page.goto(`${base}/chi-so?from=2026-01-01&to=2026-03-31`);
    // The first load reads every aggregate: give it more than the default second on a busy machine.
    await expect
      .poll(() => page.getByTestId("kpi-indicators").getByRole("row").count(), { timeout: 10_000 })
      .toBeGreaterThan(12);
    await expect.poll(() => page.getByTestId("kpi-total").textContent()).toMatch(/\/ 100$/);
    // 1.4: none of the journey's dossiers reached the portal (no DVCQG here); the rest are listed.
    await page.locator('[data-indicator="1.4"]').getByRole("button", { name: "0", exact: true }).click();
    await expect.poll(() => page.getByTestId("kpi-drill-total").textContent()).toBe("Đã đồng bộ DVCQG: 0");
    await page.getByRole("button", { name: "không: Đã đồng bộ DVCQG" }).click();
    await expect.poll(() => page.getByTestId("kpi-drill").getByRole("row").count()).toBeGreaterThan(2);
    await page.locator('[data-indicator="2.1"]').getByRole("button", { name: "Cách tính" }).click();
    await expect
      .poll(() => page.getByText("Hồ sơ đã hẹn lại vẫn tính là trễ hạn", { exact: false }).count())
      .toBe(1);
    // Closed again, and gone before axe looks: it once caught the popover mid-fade (low contrast).
    await page.locator('[data-indicator="2.1"]').getByRole("button", { name: "Cách tính" }).click();
    await page
      .getByText("Hồ sơ đã hẹn lại vẫn tính là trễ hạn", { exact: false })
      .waitFor({ state: "hidden", timeout: 5_000 });
    await expect.poll(() => page.getByRole("img", { name: "Diễn biến theo tháng" }).count()).toBe(1);
    await checkAccessibility(page, "kpi");
    await screenshot(page, "08-leader-kpi");
    await page.getByLabel("Lý do xuất báo cáo").fill("Báo cáo quý I gửi Bộ Nội vụ");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải Excel" }).click();
    expect((await download).suggestedFilename()).toBe("bao-cao-cchc-2026-01-01-2026-03-31.xlsx");
    await leader.context.close();

    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/chi-so-cong-khai`);
    await expect
      .poll(() => citizen.getByRole("heading", { level: 1 }).textContent())
      .toBe("Chỉ số phục vụ người dân, doanh nghiệp");
    await expect.poll(() => citizen.getByTestId("kpi-rankings").count()).toBe(1);
    // Aggregates only: nothing on the public page opens a dossier.
    expect(await citizen.locator('a[href^="/ho-so/"]').count()).toBe(0);
    await expectNoHorizontalScroll(citizen);
    await checkAccessibility(citizen, "public-kpi");
    await screenshot(citizen, "09-public-kpi-phone");
    await phone.close();
  }, 120_000);

  it("a citizen sends a PAKN from the public page; the specialist answers and publishes it; the citizen reads the answer", async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/phan-anh`);
    await citizen.getByRole("textbox", { name: "Cơ quan" }).click();
    await citizen.getByRole("option", { name: "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình" }).click();
    await citizen.getByLabel("Tiêu đề").fill("Chờ lâu tại quầy");
    await citizen.getByLabel("Nội dung").fill("Tôi phải chờ hơn hai giờ để được tiếp nhận hồ sơ.");
    await citizen.getByLabel("Gửi ẩn danh").check();
    await citizen.getByRole("button", { name: "Gửi", exact: true }).click();
    const sent = (await citizen.getByTestId("feedback-sent").textContent({ timeout: 15_000 })) ?? "";
    const [, code, pin] = /Mã (PAKN-\d{6}-\d{4}), mã tra cứu (\d{6})/.exec(sent) ?? [];
    expect(code).toBeTruthy();
    await expectNoHorizontalScroll(citizen);
    await checkAccessibility(citizen, "feedback form");

    const specialist = await signedIn(browser, base, "specialist");
    await specialist.page.goto(`${base}/phan-anh-kien-nghi`);
    const item = specialist.page.getByTestId("feedback-item").filter({ hasText: code as string });
    await item
      .getByLabel("Nội dung trả lời")
      .fill("Trung tâm đã bố trí thêm một quầy tiếp nhận vào buổi sáng.");
    await item.getByLabel("Công khai câu trả lời").check();
    await item.getByRole("button", { name: "Trả lời", exact: true }).click();
    await expect.poll(() => item.textContent()).toContain("Đã trả lời");
    await checkAccessibility(specialist.page, "feedback inbox");
    await specialist.context.close();

    await citizen.reload();
    await citizen.getByLabel("Mã phản ánh").fill(code as string);
    await citizen.getByLabel("Mã tra cứu").fill(pin as string);
    await citizen.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await expect
      .poll(() => citizen.getByTestId("feedback-status").textContent())
      .toContain("bố trí thêm một quầy");
    await citizen.getByRole("button", { name: "Đồng ý, kết thúc" }).click();
    await expect.poll(() => citizen.getByTestId("feedback-status").textContent()).toContain("Đã kết thúc");
    await screenshot(citizen, "10-feedback-phone");
    await phone.close();
  }, 120_000);
  it("the steering committee registers an overdue regulation and finds it in the report; an inspection finding is remedied and closed", async () => {
    const admin = await signedIn(browser, base, "admin");
    const page = admin.page;
    await page.goto(`${base}/dieu-hanh`);
    await page.getByRole("button", { name: "Thêm văn bản phải ban hành" }).click();
    await page.getByLabel("Tên văn bản").fill("Quyết định quy định chi tiết hạn mức công nhận đất ở");
    await page.getByLabel("Căn cứ giao ban hành (điều, khoản)").fill("Luật Đất đai năm 2024");
    await page.getByRole("textbox", { name: "Cơ quan chủ trì soạn thảo" }).click();
    await page.getByRole("option", { name: "Sở Tư pháp" }).click();
    await page.getByLabel("Hạn", { exact: true }).fill("2026-03-01");
    await page.getByRole("button", { name: "Thêm văn bản phải ban hành" }).click();
    const row = page.getByTestId("regulation-row").filter({ hasText: "hạn mức công nhận đất ở" });
    await expect.poll(() => row.textContent()).toContain("Quá hạn 8 ngày");
    await page.getByLabel("Chỉ văn bản quá hạn").check();
    await expect.poll(() => page.getByTestId("regulation-row").count()).toBe(1);
    await page.getByLabel("Lý do xuất báo cáo").fill("Báo cáo quý I gửi Bộ Nội vụ");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải Excel" }).click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await (await download).path()) as string);
    const sheet = wb.getWorksheet("Chỉ đạo điều hành") as ExcelJS.Worksheet;
    const texts: string[] = [];
    sheet.eachRow((r) => texts.push(String(r.getCell(1).value)));
    expect(texts).toContain("Văn bản quá hạn chưa ban hành (1)");
    expect(texts.some((x) => x.startsWith("Quyết định quy định chi tiết hạn mức công nhận đất ở"))).toBe(
      true,
    );

    await page.getByRole("tab", { name: "Kiểm tra" }).click();
    await page.getByRole("button", { name: "Lập kế hoạch kiểm tra" }).click();
    await page.getByLabel("Tên đợt kiểm tra").fill("Kiểm tra công tác CCHC tại Trung tâm năm 2026");
    await page.getByRole("textbox", { name: "Đơn vị được kiểm tra" }).click();
    await page.getByRole("option", { name: "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình" }).click();
    await page.getByRole("textbox", { name: "Đơn vị chủ trì kiểm tra" }).click();
    await page.getByRole("option", { name: "Sở Nội vụ" }).click();
    await page.getByLabel("Trưởng đoàn").fill("Nguyễn Văn Kiểm");
    await page.getByLabel("Từ ngày").fill("2026-03-09");
    await page.getByLabel("Đến ngày").fill("2026-03-11");
    await page.getByRole("button", { name: "Lập kế hoạch kiểm tra" }).click();
    const inspection = page.getByTestId("inspection").filter({ hasText: "tại Trung tâm năm 2026" });
    await inspection.getByRole("button", { name: "Bắt đầu kiểm tra" }).click();
    await inspection.getByRole("button", { name: "Ghi kiến nghị khắc phục" }).click();
    await inspection.getByLabel("Tồn tại, hạn chế").fill("Niêm yết TTHC tại quầy chưa cập nhật danh mục mới");
    await inspection.getByRole("textbox", { name: "Đơn vị thực hiện" }).click();
    await page.getByRole("option", { name: "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình" }).click();
    await inspection.getByLabel("Hạn khắc phục").fill("2026-03-31");
    await inspection.getByLabel("Mã thủ tục").fill(DEMO_PROCEDURE);
    await inspection.getByRole("button", { name: "Ghi kiến nghị khắc phục" }).click();
    await expect.poll(() => inspection.getByTestId("finding").textContent()).toContain("Chưa khắc phục");
    await checkAccessibility(page, "steering");

    const head = await signedIn(browser, base, "head");
    await head.page.goto(`${base}/dieu-hanh`);
    await head.page.getByRole("tab", { name: "Kiểm tra" }).click();
    const finding = head.page.getByTestId("finding").filter({ hasText: "Niêm yết TTHC" });
    await finding.getByRole("button", { name: "Báo cáo khắc phục" }).click();
    await finding.getByLabel("Kết quả khắc phục").fill("Đã niêm yết lại đủ 1.245 thủ tục, kèm ảnh chụp.");
    await finding.getByRole("button", { name: "Báo cáo khắc phục" }).click();
    await expect.poll(() => finding.textContent()).toContain("Đã báo cáo khắc phục");
    // A head reports, but does not verify.
    expect(await finding.getByRole("button", { name: "Xác nhận, kết thúc" }).count()).toBe(0);
    await head.context.close();

    await page.reload();
    await page.getByRole("tab", { name: "Kiểm tra" }).click();
    const closing = page.getByTestId("finding").filter({ hasText: "Niêm yết TTHC" });
    await closing.getByRole("button", { name: "Xác nhận, kết thúc" }).click();
    await expect.poll(() => closing.textContent()).toContain("Đã kết thúc");
    await screenshot(page, "11-steering");
    await admin.context.close();
  }, 120_000);
});
