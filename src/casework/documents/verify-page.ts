import type { SignatureReport, Verification, VerificationReport } from "./verify-report.schemas.ts";

export interface VerifiedDocument {
  title: string;
  documentNumber: string;
  resultCode: string;
  issuer: string;
  /** The owner, masked: the page is public. */
  owner: string;
  issuedAt: string | null;
  kind: string;
  /** The stored file still hashes to what was recorded at signing. */
  hashMatches: boolean;
  signature: Verification;
  /** Every signature of the file, as an independent validator reports it. */
  report: VerificationReport;
}

const CHAIN: Record<SignatureReport["chain"]["status"], string> = {
  trusted: "tin cậy",
  untrusted: "KHÔNG tin cậy",
  demo: "CA thử nghiệm (demo), không có giá trị pháp lý",
  expired: "hết hạn",
};
const REVOCATION: Record<SignatureReport["revocation"]["status"], string> = {
  good: "chưa bị thu hồi",
  revoked: "ĐÃ BỊ THU HỒI",
  unknown: "không có thông tin",
};

/** One signature: who, when, time-stamp, chain, revocation, and what was found. */
function signatureSection(s: SignatureReport): string {
  const ts = s.timestamp;
  const rows = [
    ["Người ký", [s.signer.commonName, s.signer.organisation].filter(Boolean).join(", ") || "—"],
    ["Đơn vị (mã)", s.signer.organisationUnit ?? "—"],
    ["Tổ chức cấp chứng thư", s.issuer ?? "—"],
    ["Số hiệu chứng thư", s.serialNumber ?? "—"],
    [
      "Thời điểm ký",
      s.signingTime.source === "timestamp"
        ? `${when(s.signingTime.timestamp)} (theo dấu thời gian)`
        : `${when(s.signingTime.claimed)} (do người ký khai, chưa được xác thực)`,
    ],
    [
      "Dấu thời gian",
      !ts.present
        ? "không có"
        : `${ts.valid ? "hợp lệ" : "KHÔNG hợp lệ"}${ts.authority ? `, do ${ts.authority} cấp` : ""}${ts.valid && !ts.trusted ? " (đơn vị cấp chưa được tin cậy)" : ""}`,
    ],
    ["Nội dung được ký", s.integrity === "intact" ? "nguyên vẹn" : "ĐÃ BỊ THAY ĐỔI"],
    [
      "Phạm vi",
      s.coversWholeFile
        ? "toàn bộ tệp"
        : "tệp đến chữ ký này (phần thêm sau là chữ ký, dữ liệu xác thực khác, được kiểm tra riêng)",
    ],
    ["Chuỗi chứng thư", `${CHAIN[s.chain.status]}: ${s.chain.path.join(" ← ") || "—"}`],
    [
      "Tình trạng thu hồi",
      `${REVOCATION[s.revocation.status]}${s.revocation.source ? ` (${s.revocation.source.toUpperCase()} ${when(s.revocation.checkedAt)})` : ""}`,
    ],
    ["Mức chữ ký (PAdES)", s.level],
  ];
  return `<section><h2>Chữ ký ${s.index + 1}${s.fieldName ? ` (${esc(s.fieldName)})` : ""}: <span class="${s.valid ? "okt" : "badt"}">${s.valid ? "Hợp lệ" : "Không hợp lệ"}</span></h2>
<table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k ?? "")}</th><td>${esc(v ?? "")}</td></tr>`).join("")}</table>
${s.reasons.length ? `<ul>${s.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>` : ""}</section>`;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** "14:05:09 08/12/2026", Vietnam time. */
const when = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString("vi-VN", {
        timeZone: "Asia/Ho_Chi_Minh",
        hour12: false,
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
    : "—";

/** The page the QR code on a result opens: plain Vietnamese, readable on a phone. */
export function verifyPage(d: VerifiedDocument | null): string {
  const verdict = !d
    ? { ok: false, text: "Không tìm thấy văn bản với mã kiểm tra này." }
    : d.signature.valid && d.hashMatches && d.report.signatures.some((s) => s.chain.status === "demo")
      ? {
          ok: "demo" as const,
          text: "Chữ ký số đúng và nội dung chưa bị thay đổi, nhưng văn bản được ký bằng chứng thư thử nghiệm (demo): KHÔNG có giá trị pháp lý.",
        }
      : d.signature.valid && d.hashMatches
        ? { ok: true, text: "Văn bản hợp lệ: chữ ký số đúng và nội dung chưa bị thay đổi." }
        : {
            ok: false,
            text: `Văn bản KHÔNG hợp lệ: ${d.signature.reason ?? "tệp lưu trữ không khớp giá trị băm khi ký."}`,
          };
  const rows = d
    ? [
        ["Tên văn bản", d.title],
        ["Số, ký hiệu", d.documentNumber],
        ["Mã kết quả", d.resultCode || "—"],
        ["Cơ quan ban hành", d.issuer],
        ["Cấp cho (số định danh)", d.owner],
        ["Thời điểm ký", when(d.issuedAt)],
      ]
    : [];
  const signatures = d ? d.report.signatures.map(signatureSection).join("") : "";
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Kiểm tra văn bản điện tử</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
.v{padding:.75rem 1rem;border-radius:.5rem;font-weight:600}.ok{background:#e6f4ea;color:#0b5d1e}.bad{background:#fdecea;color:#8a1c12}.demo{background:#fff4e5;color:#7a4100}
th{text-align:left;padding:.4rem .6rem .4rem 0;color:#444;font-weight:500;vertical-align:top}td{padding:.4rem 0}.okt{color:#0b5d1e}.badt{color:#8a1c12}h2{font-size:1.1rem;margin-top:1.5rem}</style></head>
<body><h1>Kiểm tra văn bản điện tử</h1><p class="v ${verdict.ok === "demo" ? "demo" : verdict.ok ? "ok" : "bad"}" role="status">${esc(verdict.text)}</p>
<table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k ?? "")}</th><td>${esc(v ?? "")}</td></tr>`).join("")}</table>
${d ? `<p>${esc(d.report.summary)}</p>` : ""}${signatures}
<p>Cơ quan, phần mềm khác kiểm tra một tệp PDF đang giữ qua API: <code>POST /api/v1/verify</code>, gửi chính tệp PDF (Content-Type: application/pdf).</p></body></html>`;
}
