import { type AppError, appError } from "../../kernel/common/app-error.ts";

export const dossierErrors = {
  notFound: (code: string): AppError =>
    appError("DOSSIER_NOT_FOUND", 404, `Không có hồ sơ mã ${code}.`, `No dossier ${code}.`),
  badPin: (): AppError =>
    appError(
      "TRACKING_NOT_FOUND",
      404,
      "Mã hồ sơ hoặc mã tra cứu (PIN) không đúng.",
      "Wrong dossier code or PIN.",
    ),
};

export const accessErrors = {
  /** The same status and body as an unknown code, so other units' codes cannot be told apart. */
  outsideJurisdiction: (code: string): AppError => dossierErrors.notFound(code),
};
