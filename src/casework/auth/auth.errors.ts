import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

/** Whole seconds to wait, at least one: what Retry-After and the messages say. */
export const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export const authErrors = {
  badCredentials: () =>
    appError(
      "AUTH_BAD_CREDENTIALS",
      401,
      "Tên đăng nhập hoặc mật khẩu không đúng.",
      "Wrong username or password.",
    ),
  // The same for a known, an unknown and a mistyped username: only the address is being slowed.
  throttled: (waitMs: number) =>
    appError(
      "AUTH_THROTTLED",
      429,
      `Đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${seconds(waitMs)} giây.`,
      `Too many failed sign-ins; try again in ${seconds(waitMs)} seconds.`,
      { retryAfterSeconds: seconds(waitMs) },
    ),
  codeRequired: () =>
    appError(
      "AUTH_TOTP_REQUIRED",
      401,
      "Nhập mã xác thực 6 chữ số từ ứng dụng xác thực trên điện thoại.",
      "Enter the 6-digit code from your authenticator app.",
    ),
  badCode: () =>
    appError(
      "AUTH_TOTP_INVALID",
      401,
      "Mã xác thực không đúng hoặc đã dùng. Chờ mã mới rồi thử lại.",
      "Wrong or already used code; wait for a new one.",
    ),
  enrol: (secret: string, address: string) =>
    appError(
      "AUTH_TOTP_ENROL",
      401,
      "Tài khoản của bạn cần xác thực hai lớp. Quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) rồi nhập mã 6 chữ số.",
      "Your account needs two-step sign-in: scan the QR code with an authenticator app, then enter the 6-digit code.",
      { secret, address },
    ),
  required: () =>
    appError(
      "AUTH_REQUIRED",
      401,
      "Cần đăng nhập (Authorization: Bearer <token>).",
      "Authentication required.",
    ),
};

export const throttleErrors = {
  pin: (waitMs: number) =>
    appError(
      "TOO_MANY_GUESSES",
      429,
      `Bạn đã nhập sai mã hồ sơ hoặc mã tra cứu quá nhiều lần; vui lòng thử lại sau ${seconds(waitMs)} giây.`,
      `Too many wrong codes or PINs; try again in ${seconds(waitMs)} seconds.`,
      { retryAfterSeconds: seconds(waitMs) },
    ),
};

export const jurisdictionErrors = {
  agency: (code: string) =>
    appError(
      "AGENCY_FORBIDDEN",
      403,
      `Cơ quan ${code} không thuộc phạm vi bạn được xem.`,
      `Agency ${code} is outside your jurisdiction.`,
    ),
};

/** The codes sign-in, the guess throttle and jurisdiction answer with. */
export type AuthErrorCode =
  | ErrorCode<typeof authErrors>
  | ErrorCode<typeof throttleErrors>
  | ErrorCode<typeof jurisdictionErrors>;
