import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const paymentErrors = {
  amountUnknown: () =>
    appError(
      "PAYMENT_AMOUNT_UNKNOWN",
      409,
      "Chưa xác định được số tiền phải nộp: danh mục không nêu mức phí và cán bộ chưa ghi số tiền khi yêu cầu nộp.",
      "No amount: the catalogue states none and the request gave none.",
    ),
  nothingToPay: () =>
    appError(
      "PAYMENT_NOT_REQUESTED",
      409,
      "Hồ sơ hiện không có khoản phí nào cần nộp.",
      "No payment is requested for this dossier.",
    ),
  platform: () =>
    appError(
      "PAYMENT_PLATFORM_UNAVAILABLE",
      503,
      "Chưa kết nối được Nền tảng thanh toán (PayGov). Vui lòng thử lại sau ít phút.",
      "The payment platform cannot be reached.",
    ),
  unknown: (reference: string) =>
    appError("PAYMENT_NOT_FOUND", 404, `Không có giao dịch ${reference}.`, "No such payment.", { reference }),
};

export type PaymentErrorCode = ErrorCode<typeof paymentErrors>;
