import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const observabilityErrors = {
  metricsTokenRequired: () =>
    appError(
      "METRICS_TOKEN_REQUIRED",
      401,
      "Cần mã truy cập (MOTCUA_METRICS_TOKEN) để đọc số liệu giám sát.",
      "GET /metrics needs `Authorization: Bearer <MOTCUA_METRICS_TOKEN>`.",
    ),
};

export type ObservabilityErrorCode = ErrorCode<typeof observabilityErrors>;
