import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const unitErrors = {
  badCode: (code: string) =>
    appError(
      "UNIT_BAD_CODE",
      400,
      `Mã đơn vị hành chính "${code}" không hợp lệ (2 đến 5 chữ số).`,
      `"${code}" is not a unit code (2–5 digits).`,
    ),
  notFound: (code: string) =>
    appError(
      "UNIT_NOT_FOUND",
      404,
      `Không có đơn vị hành chính mã ${code}.`,
      `No administrative unit has code ${code}.`,
    ),
};

export type UnitErrorCode = ErrorCode<typeof unitErrors>;
