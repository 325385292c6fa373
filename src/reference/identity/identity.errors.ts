import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const identityErrors = {
  format: (raw: string) =>
    appError(
      "IDENTITY_BAD_FORMAT",
      400,
      `Số định danh "${raw}" không hợp lệ: CCCD có 12 chữ số, CMND cũ có 9 chữ số.`,
      `"${raw}" is not an identity number: a CCCD has 12 digits, an old CMND 9.`,
    ),
  province: (code: string) =>
    appError(
      "IDENTITY_UNKNOWN_PROVINCE",
      422,
      `Mã tỉnh nơi đăng ký khai sinh "${code}" không tồn tại.`,
      `Birth-registration province code "${code}" does not exist.`,
    ),
  future: (year: number) =>
    appError(
      "IDENTITY_FUTURE_BIRTH_YEAR",
      422,
      `Số định danh cho năm sinh ${year}, sau năm hiện tại.`,
      `The number encodes birth year ${year}, which is in the future.`,
    ),
};

export type IdentityErrorCode = ErrorCode<typeof identityErrors>;
