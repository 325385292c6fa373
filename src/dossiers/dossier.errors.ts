import { type AppError, appError } from "../common/app-error.ts";

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
