import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const adminCliErrors = {
  invalid: (field: string, why: string) =>
    appError("ADMIN_INPUT_INVALID", 400, `${field}: ${why}.`, `${field}: ${why}.`, { field }),
};

export type AdminCliErrorCode = ErrorCode<typeof adminCliErrors>;
