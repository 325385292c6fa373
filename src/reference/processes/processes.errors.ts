import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const processErrors = {
  invalid: (detail: string) =>
    appError("PROCESS_INVALID", 400, `Quy trình không hợp lệ: ${detail}`, `Invalid process: ${detail}`),
};

export type ProcessErrorCode = ErrorCode<typeof processErrors>;
