import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const agencyErrors = {
  /** 400 when the agency is named in a request body, 404 when it is the resource asked for. */
  notFound: (code: string, status: 400 | 404 = 400) =>
    appError("AGENCY_NOT_FOUND", status, `Không có cơ quan mã ${code}.`, `No agency ${code}.`),
};

export type AgencyErrorCode = ErrorCode<typeof agencyErrors>;
