import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";
import { type Rejection, rejectionMessage } from "./file-checks.ts";
import type { SignerUnavailableCode } from "./result-signer.ts";

/** What an official is told when their token or remote-signing account cannot sign. */
const SIGNER_UNAVAILABLE_VI: Record<SignerUnavailableCode, string> = {
  TOKEN_UNAVAILABLE: "Không kết nối được thiết bị ký số (USB token/HSM) của cơ quan.",
  PIN_REJECTED: "Mã PIN của chứng thư số không đúng hoặc đã bị khóa.",
  REMOTE_REFUSED: "Dịch vụ ký số từ xa từ chối yêu cầu ký hoặc không kết nối được.",
  REMOTE_TIMEOUT: "Dịch vụ ký số từ xa không trả lời kịp.",
  OTP_REQUIRED:
    "Chứng thư ký số từ xa yêu cầu mã OTP cho mỗi lần ký, hệ thống không thể ký tự động; hãy dùng chứng thư chỉ cần mã PIN.",
};

export const documentErrors = {
  notFound: () =>
    appError(
      "DOCUMENT_NOT_FOUND",
      404,
      "Không tìm thấy văn bản điện tử với mã kiểm tra này.",
      "No such signed document.",
    ),
  notOwned: (id: string) =>
    appError(
      "DOCUMENT_NOT_OWNED",
      409,
      `Giấy tờ số ${id} không thuộc chủ hồ sơ này, không thể tái sử dụng.`,
      "The document belongs to someone else.",
      { id },
    ),
};

export const digitiseErrors = {
  noComponent: (name: string) =>
    appError(
      "DIGITISE_NO_COMPONENT",
      400,
      `Hồ sơ không có thành phần "${name}".`,
      "No such component in the dossier.",
      { name },
    ),
  noFiles: () =>
    appError(
      "DIGITISE_NO_FILES",
      400,
      "Có tệp không thuộc hồ sơ này hoặc chưa được tải lên. Hãy tải bản quét lên hồ sơ trước khi đánh dấu số hóa.",
      "Some files are not uploaded to this dossier.",
    ),
};

export const resultErrors = {
  noCertificate: (agency: string) =>
    appError(
      "RESULT_NO_CERTIFICATE",
      409,
      `${agency} chưa có chứng thư số để ký kết quả điện tử. Hãy cấu hình chứng thư, hoặc ghi rõ lý do trả kết quả bản giấy (paperReason).`,
      "No signing certificate for the agency; configure one or give paperReason.",
    ),
  timestampUnavailable: () =>
    appError(
      "RESULT_TIMESTAMP_UNAVAILABLE",
      503,
      "Chưa lấy được dấu thời gian cho chữ ký số (dịch vụ cấp dấu thời gian không trả lời). Vui lòng thử lại sau.",
      "The time-stamping authority did not answer; try again later.",
    ),
  /** The configured certificate would not verify: the result is not issued rather than issued invalid. */
  signerUntrusted: (subject: string, status: "untrusted" | "demo" | "expired") =>
    appError(
      "RESULT_SIGNER_UNTRUSTED",
      409,
      `Chứng thư ký số (${subject}) ${
        status === "demo"
          ? "là chứng thư thử nghiệm (demo), không có giá trị pháp lý ngoài chế độ demo"
          : status === "expired"
            ? "đã hết hạn"
            : "không do tổ chức chứng thực trong danh sách tin cậy cấp"
      }; kết quả ký bằng nó sẽ không hợp lệ nên chưa được ban hành. Quản trị hệ thống cần kiểm tra signers.json và thư mục trusted/ (motcua pki signers), hoặc ghi lý do trả kết quả bản giấy (paperReason).`,
      `The signing certificate (${subject}) is ${status}; a result signed with it would not verify, so it was not issued.`,
      { subject, chain: status },
    ),
  /** A token or remote-signing service could not sign (SignerUnavailable): nothing was issued. */
  signerUnavailable: (code: SignerUnavailableCode, detail: string) =>
    appError(
      `RESULT_SIGNER_${code}`,
      503,
      `${SIGNER_UNAVAILABLE_VI[code]} Kết quả chưa được ban hành; hồ sơ giữ nguyên trạng thái.`,
      `The signer could not sign (${code}): ${detail}`,
      { signerCode: code },
    ),
};

export const certifyErrors = {
  forbidden: () =>
    appError(
      "CERTIFY_FORBIDDEN",
      403,
      "Chỉ cán bộ tiếp nhận hoặc văn thư được chứng thực bản sao.",
      "Desk or clerk only.",
    ),
  fileNotFound: () =>
    appError("FILE_NOT_FOUND", 404, "Hồ sơ không có tệp này.", "No such file in the dossier."),
};

export const uploadErrors = {
  /** A file the checks refused (file-checks.ts): its code, and 413 for a size limit. */
  rejected: (r: Rejection) =>
    appError(
      r.code,
      r.code.endsWith("TOO_LARGE") ? 413 : 400,
      rejectionMessage(r),
      `Upload rejected: ${r.code}.`,
      r,
    ),
  dossierClosed: () =>
    appError("DOSSIER_CLOSED", 409, "Hồ sơ đã kết thúc, không nhận thêm tệp.", "The dossier is closed."),
  busy: () =>
    appError(
      "UPLOADS_BUSY",
      503,
      "Hệ thống đang kiểm tra nhiều tệp, vui lòng thử lại sau ít phút.",
      "Too many uploads being checked.",
    ),
  interrupted: () =>
    appError("UPLOAD_INTERRUPTED", 400, "Tải tệp bị gián đoạn. Vui lòng thử lại.", "Upload interrupted."),
};

export const verifyErrors = {
  noFileStore: () =>
    appError("FILES_NOT_CONFIGURED", 503, "Chưa cấu hình kho lưu tệp.", "No file store is configured."),
  notPdf: () => appError("VERIFY_NOT_PDF", 400, "Hãy gửi tệp PDF đã ký số.", "Send a signed PDF."),
};

export type DocumentErrorCode =
  | ErrorCode<typeof documentErrors>
  | ErrorCode<typeof digitiseErrors>
  | ErrorCode<typeof resultErrors>
  | ErrorCode<typeof certifyErrors>
  | ErrorCode<typeof uploadErrors>
  | ErrorCode<typeof verifyErrors>;
