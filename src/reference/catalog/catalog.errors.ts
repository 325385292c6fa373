import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const catalogErrors = {
  badCode: (code: string) =>
    appError(
      "PROCEDURE_BAD_CODE",
      400,
      `Mã thủ tục "${code}" không đúng dạng (ví dụ 1.001193).`,
      `"${code}" is not a procedure code (e.g. 1.001193).`,
    ),
  notFound: (code: string) =>
    appError(
      "PROCEDURE_NOT_FOUND",
      404,
      `Không có thủ tục mã ${code} trong danh mục.`,
      `No procedure ${code} in the catalogue.`,
    ),
};

export type CatalogErrorCode = ErrorCode<typeof catalogErrors>;
