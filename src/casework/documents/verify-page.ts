import type { Verification } from "./pades-verify.ts";

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
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour12: false }) : "—";

/** The page the QR code on a result opens: plain Vietnamese, readable on a phone. */
export function verifyPage(d: VerifiedDocument | null): string {
  const verdict = !d
    ? { ok: false, text: "Không tìm thấy văn bản với mã kiểm tra này." }
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
        ["Người ký (chứng thư)", d.signature.signer ?? "—"],
      ]
    : [];
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Kiểm tra văn bản điện tử</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
.v{padding:.75rem 1rem;border-radius:.5rem;font-weight:600}.ok{background:#e6f4ea;color:#0b5d1e}.bad{background:#fdecea;color:#8a1c12}
th{text-align:left;padding:.4rem .6rem .4rem 0;color:#444;font-weight:500;vertical-align:top}td{padding:.4rem 0}</style></head>
<body><h1>Kiểm tra văn bản điện tử</h1><p class="v ${verdict.ok ? "ok" : "bad"}" role="status">${esc(verdict.text)}</p>
<table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k ?? "")}</th><td>${esc(v ?? "")}</td></tr>`).join("")}</table>
<p>Bạn có thể tải tệp PDF đã ký lên <code>POST /api/v1/verify</code> để kiểm tra một bản đang giữ.</p></body></html>`;
}
