import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";
import { agencyErrors } from "../../reference/agencies/agency.errors.ts";

export const officialErrors = {
  forbidden: () =>
    appError("OFFICIALS_FORBIDDEN", 403, "Chỉ quản trị viên được quản lý tài khoản.", "Administrators only."),
  notFound: (id: number) =>
    appError("OFFICIAL_NOT_FOUND", 404, `Không có tài khoản số ${id}.`, `No official ${id}.`),
  taken: (u: string) =>
    appError("USERNAME_TAKEN", 409, `Tên đăng nhập ${u} đã có người dùng.`, `Username ${u} is taken.`),
  noAgency: (c: string) => agencyErrors.notFound(c, 400),
};

export type OfficialErrorCode = ErrorCode<typeof officialErrors>;
