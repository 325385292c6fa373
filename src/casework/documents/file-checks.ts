// Upload safety, pure: the type from the bytes (never the name), and what makes a file unsafe.

import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFInvalidObject,
  PDFName,
  type PDFObject,
  PDFParser,
  PDFStream,
} from "pdf-lib";

export type FileKind = "pdf" | "jpeg" | "png" | "tiff" | "docx" | "xlsx";

export const MIME: Record<FileKind, string> = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  png: "image/png",
  tiff: "image/tiff",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const DEFAULT_KINDS: readonly FileKind[] = ["pdf", "jpeg", "png", "tiff"];

const starts = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The file's real type from its first bytes (and, for Office files, the zip's entry names). */
export function sniff(b: Buffer): FileKind | "zip" | null {
  if (b.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (starts(b, [0xff, 0xd8, 0xff])) return "jpeg";
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntries(b)?.map((e) => e.name) ?? [];
    if (names.includes("word/document.xml")) return "docx";
    if (names.includes("xl/workbook.xml")) return "xlsx";
    return "zip";
  }
  return null;
}

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** Entries from a zip's central directory; null when there is none (not a whole zip). */
export function zipEntries(b: Buffer): ZipEntry[] | null {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  const from = Math.max(0, b.length - 65_557);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = b.readUInt16LE(at + 28);
    entries.push({
      compressed: b.readUInt32LE(at + 20),
      uncompressed: b.readUInt32LE(at + 24),
      name: b.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
    });
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return entries;
}

export type Rejection =
  | { code: "FILE_TOO_LARGE"; limit: number }
  | { code: "DOSSIER_FILES_TOO_LARGE"; limit: number }
  | { code: "FILE_TYPE_UNKNOWN" }
  | { code: "FILE_TYPE_NOT_ALLOWED"; kind: string }
  | { code: "FILE_NAME_MISMATCH"; kind: string }
  | { code: "PDF_ENCRYPTED" }
  | { code: "PDF_ACTIVE_CONTENT"; what: string }
  | { code: "PDF_MALFORMED" }
  | { code: "ZIP_BOMB"; ratio: number }
  | { code: "PDF_TOO_COMPLEX" }
  | { code: "VIRUS_FOUND"; name: string }
  | { code: "FILE_EMPTY" }
  | { code: "FILE_NAME_INVALID" };

/** Vietnamese for the person who uploaded, with what to do. */
export function rejectionMessage(r: Rejection): string {
  switch (r.code) {
    case "FILE_TOO_LARGE":
      return `Tệp vượt quá dung lượng cho phép (${Math.round(r.limit / 1_048_576)} MB). Vui lòng quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp.`;
    case "DOSSIER_FILES_TOO_LARGE":
      return `Tổng dung lượng tệp của hồ sơ vượt quá ${Math.round(r.limit / 1_048_576)} MB.`;
    case "FILE_TYPE_UNKNOWN":
      return "Không nhận dạng được loại tệp. Chỉ nhận PDF, JPEG, PNG, TIFF (và DOCX, XLSX khi thủ tục cho phép).";
    case "FILE_TYPE_NOT_ALLOWED":
      return `Thủ tục này không nhận tệp loại ${r.kind.toUpperCase()}. Vui lòng chuyển sang PDF.`;
    case "FILE_NAME_MISMATCH":
      return `Nội dung tệp là ${r.kind.toUpperCase()} nhưng tên tệp mang phần mở rộng khác. Vui lòng kiểm tra lại tệp.`;
    case "PDF_ENCRYPTED":
      return "Tệp PDF đang được đặt mật khẩu hoặc mã hóa. Vui lòng gỡ mật khẩu rồi tải lên lại.";
    case "PDF_ACTIVE_CONTENT":
      return `Tệp PDF chứa nội dung thực thi (${r.what}), không được chấp nhận. Vui lòng in ra PDF mới hoặc quét lại.`;
    case "PDF_MALFORMED":
      return "Tệp PDF bị lỗi cấu trúc, không mở được. Vui lòng xuất lại tệp.";
    case "ZIP_BOMB":
      return "Tệp nén có tỷ lệ nén bất thường, không được chấp nhận.";
    case "PDF_TOO_COMPLEX":
      return "Tệp PDF quá phức tạp để kiểm tra an toàn trong thời gian cho phép. Vui lòng in ra PDF mới hoặc quét lại.";
    case "VIRUS_FOUND":
      return `Tệp nhiễm mã độc (${r.name}), đã bị loại bỏ.`;
    case "FILE_EMPTY":
      return "Chưa có nội dung tệp.";
    case "FILE_NAME_INVALID":
      return "Tên tệp không hợp lệ: chỉ gồm ký tự ẩn hoặc khoảng trắng. Vui lòng đặt lại tên tệp rồi tải lên.";
  }
}

// Keys that carry actions or hidden payloads wherever they appear, and the values of /S or
// /Type that name them (/S /JavaScript, /Type /EmbeddedFile).
const ACTIVE_KEYS: Record<string, string> = {
  JavaScript: "JavaScript",
  JS: "JavaScript",
  AA: "hành động tự động",
  Launch: "lệnh chạy chương trình",
  EmbeddedFile: "tệp đính kèm ẩn",
  EmbeddedFiles: "tệp đính kèm ẩn",
  RichMedia: "nội dung đa phương tiện",
  XFA: "biểu mẫu XFA",
};
const ACTIVE_VALUES: Record<string, string> = {
  ...ACTIVE_KEYS,
  ImportData: "lệnh nhập dữ liệu",
  SubmitForm: "lệnh gửi biểu mẫu",
  GoToE: "tệp đính kèm ẩn",
};
const RAW_ACTIVE = /\/(JavaScript|JS|AA|OpenAction|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])/;

// pdf-lib decodes #xx in names only with upper-case hex; decode the rest too (/J#61vaScript).
const nameOf = (n: PDFName) =>
  n
    .asString()
    .slice(1)
    .replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));

/**
 * Encryption, active content and structure, from the PDF parsed by pdf-lib: every object, also
 * those inside compressed object streams (/ObjStm), is walked, so compression and name escapes
 * hide nothing. An /OpenAction that is only a destination (open at page 1) is harmless; one that
 * is an action is refused. Objects the parser cannot read are searched as bytes.
 */
export async function pdfHazards(b: Uint8Array): Promise<Rejection | null> {
  let context: PDFContext;
  try {
    context = await PDFParser.forBytesWithOptions(b).parseDocument();
  } catch {
    return { code: "PDF_MALFORMED" };
  }
  if (context.trailerInfo.Encrypt) return { code: "PDF_ENCRYPTED" };
  const stack: PDFObject[] = context.enumerateIndirectObjects().map(([, o]) => o);
  for (let o = stack.pop(); o !== undefined; o = stack.pop()) {
    if (o instanceof PDFStream) stack.push(o.dict);
    else if (o instanceof PDFArray) stack.push(...o.asArray());
    else if (o instanceof PDFInvalidObject) {
      const raw = Buffer.alloc(o.sizeInBytes());
      o.copyBytesInto(raw, 0);
      const m = RAW_ACTIVE.exec(raw.toString("latin1"));
      if (m) return { code: "PDF_ACTIVE_CONTENT", what: ACTIVE_KEYS[m[1] ?? ""] ?? "hành động tự chạy" };
    } else if (o instanceof PDFDict) {
      for (const [k, v] of o.entries()) {
        const key = nameOf(k);
        if (key === "Encrypt") return { code: "PDF_ENCRYPTED" };
        const what = ACTIVE_KEYS[key];
        if (what) return { code: "PDF_ACTIVE_CONTENT", what };
        if (key === "OpenAction" && !(v instanceof PDFArray)) {
          return { code: "PDF_ACTIVE_CONTENT", what: "hành động tự chạy khi mở tệp" };
        }
        if (v instanceof PDFName) {
          const named = ACTIVE_VALUES[nameOf(v)];
          if (named) return { code: "PDF_ACTIVE_CONTENT", what: named };
        } else stack.push(v);
      }
    }
  }
  const root = context.lookup(context.trailerInfo.Root);
  if (!(root instanceof PDFDict) || !(root.lookup(PDFName.of("Pages")) instanceof PDFDict)) {
    return { code: "PDF_MALFORMED" };
  }
  if (!/%%EOF\s*$/.test(Buffer.from(b.subarray(-1024)).toString("latin1"))) return { code: "PDF_MALFORMED" };
  return null;
}

const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ["pdf"],
  jpeg: ["jpg", "jpeg"],
  png: ["png"],
  tiff: ["tif", "tiff"],
  docx: ["docx"],
  xlsx: ["xlsx"],
};

/** The file's own limit, then the dossier's: also asked of a declared length, before any byte. */
export function sizeRejection(
  size: number,
  limits: { maxFileBytes: number; maxDossierBytes: number; dossierBytesSoFar: number },
): Rejection | null {
  if (size > limits.maxFileBytes) return { code: "FILE_TOO_LARGE", limit: limits.maxFileBytes };
  if (limits.dossierBytesSoFar + size > limits.maxDossierBytes) {
    return { code: "DOSSIER_FILES_TOO_LARGE", limit: limits.maxDossierBytes };
  }
  return null;
}

/**
 * Type, extension, size and zip checks; the caller adds the PDF parse (pdfHazards, off the main
 * thread) and the virus scan. `b` is the file's start (enough to sniff) or, for a zip, all of it;
 * `size` is the whole file's size when `b` is only its start.
 */
export function checkUpload(
  b: Buffer,
  name: string,
  limits: {
    maxFileBytes: number;
    maxDossierBytes: number;
    dossierBytesSoFar: number;
    allowed: readonly FileKind[];
    size?: number;
  },
): { ok: true; kind: FileKind } | { ok: false; rejection: Rejection } {
  const size = limits.size ?? b.length;
  const tooLarge = sizeRejection(size, limits);
  if (tooLarge) return { ok: false, rejection: tooLarge };
  const kind = sniff(b);
  if (kind === null) return { ok: false, rejection: { code: "FILE_TYPE_UNKNOWN" } };
  if (kind === "zip") {
    const entries = zipEntries(b) ?? [];
    const ratio = entries.reduce((s, e) => s + e.uncompressed, 0) / Math.max(1, size);
    return {
      ok: false,
      rejection: ratio > 100 ? { code: "ZIP_BOMB", ratio } : { code: "FILE_TYPE_UNKNOWN" },
    };
  }
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (name.includes(".") && !EXTENSIONS[kind].includes(ext))
    return { ok: false, rejection: { code: "FILE_NAME_MISMATCH", kind } };
  if (!limits.allowed.includes(kind))
    return { ok: false, rejection: { code: "FILE_TYPE_NOT_ALLOWED", kind } };
  if (kind === "docx" || kind === "xlsx") {
    const entries = zipEntries(b) ?? [];
    const total = entries.reduce((s, e) => s + e.uncompressed, 0);
    if (total / Math.max(1, size) > 100 || total > 500 * 1_048_576) {
      return { ok: false, rejection: { code: "ZIP_BOMB", ratio: total / Math.max(1, size) } };
    }
  }
  return { ok: true, kind };
}
