import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const formErrors = {
  notApplicable: (form: string) =>
    appError(
      "FORM_NOT_APPLICABLE",
      409,
      `Mẫu ${form} không áp dụng cho hồ sơ ở tình trạng hiện tại.`,
      `Form ${form} does not apply to this dossier.`,
    ),
  wrongReceiptPin: () =>
    appError(
      "RECEIPT_PIN_MISMATCH",
      422,
      "Mã tra cứu (PIN) không khớp với hồ sơ; giấy tiếp nhận in mã tra cứu chỉ khi có đúng mã đã cấp lúc tiếp nhận (mẫu 01).",
      "The PIN does not match the dossier; only form 01 prints it.",
    ),
};

export const registerErrors = {
  badRange: () =>
    appError(
      "REGISTER_BAD_RANGE",
      400,
      "Khoảng ngày không hợp lệ (YYYY-MM-DD, từ ≤ đến).",
      "Invalid date range.",
    ),
  tooMany: (MAX_ROWS: number) =>
    appError(
      "REGISTER_TOO_LARGE",
      400,
      `Quá ${MAX_ROWS} hồ sơ: hãy chọn khoảng ngày ngắn hơn.`,
      `More than ${MAX_ROWS} dossiers: narrow the range.`,
    ),
};

export type FormErrorCode = ErrorCode<typeof formErrors> | ErrorCode<typeof registerErrors>;
