import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const citizenErrors = {
  loginRequired: () =>
    appError(
      "CITIZEN_LOGIN_REQUIRED",
      401,
      "Vui lòng đăng nhập bằng tài khoản VNeID.",
      "Sign in with VNeID.",
    ),
  vneidNotConfigured: () =>
    appError("VNEID_NOT_CONFIGURED", 503, "Chưa cấu hình đăng nhập VNeID.", "VNeID is not configured."),
  vneidUnavailable: () =>
    appError(
      "VNEID_UNAVAILABLE",
      503,
      "Chưa kết nối được VNeID, vui lòng thử lại sau.",
      "VNeID is unreachable.",
    ),
  loginExpired: () =>
    appError(
      "VNEID_LOGIN_EXPIRED",
      400,
      "Phiên đăng nhập VNeID đã hết hạn, vui lòng đăng nhập lại.",
      "Sign-in expired.",
    ),
  loginFailed: () =>
    appError(
      "VNEID_LOGIN_FAILED",
      400,
      "Đăng nhập VNeID không thành công, vui lòng thử lại.",
      "VNeID sign-in failed.",
    ),
};

export type CitizenErrorCode = ErrorCode<typeof citizenErrors>;
