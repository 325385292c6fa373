import type { Applicant, SubmittedComponent } from "../dossiers/dossier.types.ts";
import type { Holding } from "../dossiers/trail.ts";
import {
  bullets,
  field,
  nationalHeader,
  type Pdf,
  paragraph,
  renderPdf,
  signatures,
  table,
  title,
} from "./form-layout.ts";
import type { FontSet } from "./forms.types.ts";

/** Everything a dossier's forms print; gathered by forms.service. Times are already Vietnamese text. */
export interface DossierFormData {
  code: string;
  agencyName: string;
  handlingAgencyName: string;
  procedureName: string;
  legalTime: string;
  applicant: Applicant;
  components: SubmittedComponent[];
  receivedAt: string;
  dueAt: string;
  collectAt: string;
  receiverName: string;
  trackingUrl: string;
  /** Mã tra cứu, printed on the receipt when the desk still has it (it is stored only hashed). */
  pin: string | null;
  qrPng: Buffer;
  /** The latest reason and list for forms 02–05, from the journal. */
  reason: string;
  missingItems: string[];
  previousDueAt: string;
  issuedAt: string;
  holdings: (Holding & { fromText: string; toText: string; dueText: string; hours: string })[];
}

export const FORM_TITLES = {
  "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
  "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
  "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
  "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
  "05": "THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ",
  "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
} as const;
export type DossierFormNumber = keyof typeof FORM_TITLES;

const VERDICT_VI = { early: "Trước hạn", "on-time": "Đúng hạn", late: "Quá hạn" } as const;

function applicantLines(doc: Pdf, a: Applicant): void {
  field(doc, a.kind === "individual" ? "Người nộp / Chủ hồ sơ" : "Tổ chức", a.name);
  field(doc, a.kind === "individual" ? "Số định danh cá nhân" : "Mã số thuế / doanh nghiệp", a.idNumber);
  field(doc, "Địa chỉ", a.address);
  field(doc, "Điện thoại", a.phone);
  field(doc, "Email", a.email);
}

/** Forms 01–06 (Circular 03/2025/TT-VPCP layouts as summarised in DOMAIN.md §2). */
export function renderDossierForm(
  form: DossierFormNumber,
  data: DossierFormData,
  fonts: FontSet,
): Promise<Buffer> {
  const size = form === "06" ? "A4" : "A5";
  return renderPdf(size, fonts, (doc) => {
    nationalHeader(doc, data.agencyName, data.code);
    title(doc, FORM_TITLES[form], `Mã hồ sơ: ${data.code}`);
    switch (form) {
      case "01":
        return receipt(doc, data);
      case "02":
        applicantLines(doc, data.applicant);
        field(doc, "Thủ tục", data.procedureName);
        paragraph(doc, `Hồ sơ cần bổ sung, hoàn thiện các nội dung sau (một lần): ${data.reason}`);
        bullets(doc, data.missingItems);
        paragraph(
          doc,
          "Sau khi bổ sung đầy đủ, đề nghị nộp lại tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công quốc gia.",
        );
        return signatures(doc, [
          { role: "NGƯỜI NỘP HỒ SƠ" },
          { role: "NGƯỜI HƯỚNG DẪN", name: data.receiverName },
        ]);
      case "03":
        applicantLines(doc, data.applicant);
        field(doc, "Thủ tục", data.procedureName);
        paragraph(doc, `Hồ sơ không được tiếp nhận giải quyết. Lý do: ${data.reason}`);
        return signatures(doc, [
          { role: "NGƯỜI NỘP HỒ SƠ" },
          { role: "NGƯỜI TIẾP NHẬN", name: data.receiverName },
        ]);
      case "04":
        paragraph(
          doc,
          `${data.handlingAgencyName} xin lỗi ông/bà ${data.applicant.name} vì hồ sơ thủ tục "${data.procedureName}" chưa được giải quyết đúng hẹn.`,
        );
        field(doc, "Ngày hẹn trả trước đây", data.previousDueAt);
        field(doc, "Lý do", data.reason);
        field(doc, "Ngày hẹn trả mới", data.dueAt);
        paragraph(doc, "Cơ quan chỉ hẹn lại một lần và cam kết trả kết quả đúng ngày hẹn mới.");
        return signatures(doc, [{ role: "THỦ TRƯỞNG CƠ QUAN" }]);
      case "05":
        applicantLines(doc, data.applicant);
        field(doc, "Thủ tục", data.procedureName);
        paragraph(doc, `${data.handlingAgencyName} thông báo dừng xử lý hồ sơ. Lý do: ${data.reason}`);
        field(doc, "Ngày thông báo", data.issuedAt);
        return signatures(doc, [{ role: "THỦ TRƯỞNG CƠ QUAN" }]);
      case "06":
        return trackingSheet(doc, data);
    }
  });
}

function receipt(doc: Pdf, data: DossierFormData): void {
  const qrSize = 78;
  const qrX = doc.page.width - doc.page.margins.right - qrSize;
  const qrY = doc.y;
  doc.image(data.qrPng, qrX, qrY, { width: qrSize });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right - qrSize - 8;
  doc
    .font("regular")
    .text(`${data.agencyName} đã tiếp nhận hồ sơ của:`, doc.page.margins.left, qrY, { width });
  const a = data.applicant;
  for (const [label, value] of [
    ["Ông/Bà/Tổ chức", a.name],
    [a.kind === "individual" ? "Số định danh" : "Mã số thuế", a.idNumber],
    ["Địa chỉ", a.address],
    ["Điện thoại", a.phone],
    ["Email", a.email],
  ] as const) {
    doc
      .font("bold")
      .text(`${label}: `, { width, continued: true })
      .font("regular")
      .text(value || "—", { width });
  }
  doc.y = Math.max(doc.y, qrY + qrSize + 6);
  // The QR code's payload, printed whole on one line so it can be typed in.
  const left = doc.page.margins.left;
  doc.font("regular").fontSize(7.5).text(`Tra cứu: ${data.trackingUrl}`, left, doc.y, { lineBreak: false });
  doc.fontSize(9.5);
  doc.x = left;
  doc.moveDown(0.6);
  if (data.pin) {
    doc.font("bold").text("Mã tra cứu (PIN): ", { continued: true }).font("regular").text(data.pin);
  } else {
    // A reprint: the PIN was given once, at reception.
    doc.font("regular").text("Mã tra cứu (PIN): đã cấp khi tiếp nhận hồ sơ.");
  }
  doc.x = left;
  doc.moveDown(1);
  field(doc, "Nội dung yêu cầu giải quyết", data.procedureName);
  doc.font("bold").text("Thành phần hồ sơ nộp:");
  bullets(
    doc,
    data.components.length
      ? data.components.map(
          (c) =>
            `${c.name} (${c.originals} bản chính, ${c.copies} bản sao${c.form === "scan" ? ", đã số hóa" : c.form === "reuse" ? ", tái sử dụng" : ""})`,
        )
      : ["(Không có thành phần được khai)"],
  );
  field(doc, "Số lượng hồ sơ", "01 bộ");
  field(doc, "Thời hạn giải quyết theo quy định", data.legalTime);
  field(doc, "Thời gian nhận hồ sơ", data.receivedAt);
  field(doc, "Thời gian trả kết quả", data.dueAt);
  field(doc, "Nơi trả kết quả", data.collectAt);
  field(doc, "Vào Sổ theo dõi hồ sơ, số", data.code);
  signatures(doc, [
    { role: "NGƯỜI NỘP HỒ SƠ", name: a.name },
    { role: "NGƯỜI TIẾP NHẬN", name: data.receiverName },
  ]);
}

function trackingSheet(doc: Pdf, data: DossierFormData): void {
  field(doc, "Thủ tục", data.procedureName);
  field(doc, "Chủ hồ sơ", data.applicant.name);
  field(doc, "Ngày nhận", data.receivedAt);
  field(doc, "Ngày hẹn trả", data.dueAt);
  doc.moveDown(0.4);
  table(
    doc,
    [
      { header: "Bước / nơi giữ hồ sơ", width: 120 },
      { header: "Nhận lúc", width: 80 },
      { header: "Bàn giao lúc", width: 80 },
      { header: "Hạn của bước", width: 80 },
      { header: "Giờ làm việc", width: 45 },
      { header: "Người bàn giao", width: 60 },
      { header: "Kết quả", width: 50 },
    ],
    data.holdings.map((h) => [
      h.stepName,
      h.fromText,
      h.toText,
      h.dueText,
      h.hours,
      h.handedOverBy ?? "",
      h.verdict ? VERDICT_VI[h.verdict] : h.to ? "" : "Đang xử lý",
    ]),
  );
}
