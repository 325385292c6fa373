import { appError, type ErrorCode } from "../common/app-error.ts";

/** What the HTTP layer answers before any module's handler runs (or when none matches). */
export const httpErrors = {
  invalid: (where: string, details: unknown) =>
    appError(
      "REQUEST_INVALID",
      400,
      `Dữ liệu gửi lên không hợp lệ tại: ${where}.`,
      `Invalid request at: ${where}.`,
      details,
    ),
  nul: () =>
    appError(
      "REQUEST_INVALID",
      400,
      "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL).",
      "The request contains a NUL character.",
    ),
  invisible: () =>
    appError(
      "REQUEST_INVALID",
      400,
      "Dữ liệu gửi lên có trường chỉ gồm ký tự vô hình (ví dụ khoảng trắng độ rộng 0). Vui lòng nhập nội dung đọc được.",
      "A field holds only invisible characters.",
    ),
  unknownFields: (extra: string[]) =>
    appError(
      "REQUEST_UNKNOWN_FIELDS",
      400,
      `Dữ liệu gửi lên có trường không được phép: ${extra.slice(0, 10).join(", ")}.`,
      `Unknown fields: ${extra.slice(0, 10).join(", ")}.`,
      { fields: extra },
    ),
  rateLimited: () =>
    appError(
      "RATE_LIMITED",
      429,
      "Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.",
      "Too many attempts; wait a few minutes.",
    ),
  tooLarge: () =>
    appError(
      "REQUEST_TOO_LARGE",
      413,
      "Dữ liệu gửi lên vượt quá dung lượng cho phép.",
      "Request body too large.",
    ),
  databaseUnavailable: () =>
    appError(
      "SERVICE_UNAVAILABLE",
      503,
      "Hệ thống đang bận hoặc cơ sở dữ liệu tạm thời gián đoạn. Vui lòng thử lại sau ít giây.",
      "The database is busy or unavailable; retry shortly.",
    ),
  noRoute: (url: string, method: string) =>
    appError("NOT_FOUND", 404, `Không có đường dẫn ${url}.`, `No route ${method} ${url}.`),
};

export type HttpErrorCode = ErrorCode<typeof httpErrors> | "REQUEST_REJECTED" | "INTERNAL";
