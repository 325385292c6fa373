import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const dvcqgErrors = {
  notConfigured: () =>
    appError(
      "INTEGRATION_NOT_CONFIGURED",
      503,
      "Chưa cấu hình MOTCUA_DVCQG_URL.",
      "DVCQG is not configured.",
    ),
  reconcileFailed: (reason: string, detail: string) =>
    appError("RECONCILE_FAILED", 503, `Không đối soát được: ${reason} ${detail}`, "Reconciliation failed."),
};

export type DvcqgErrorCode = ErrorCode<typeof dvcqgErrors>;
