import { appError, type ErrorCode } from "../kernel/common/app-error.ts";

export const integrationErrors = {
  /** `what`: the national system, e.g. "Cổng DVC quốc gia". */
  notConfigured: (what: string) =>
    appError(
      "INTEGRATION_NOT_CONFIGURED",
      503,
      `Chưa cấu hình kết nối ${what}.`,
      `${what} is not configured.`,
    ),
};

export type IntegrationErrorCode = ErrorCode<typeof integrationErrors>;
