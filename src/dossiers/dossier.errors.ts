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

export const accessErrors = {
  outsideJurisdiction: (code: string): AppError =>
    appError(
      "DOSSIER_FORBIDDEN",
      403,
      `Hồ sơ ${code} không thuộc phạm vi của cơ quan bạn.`,
      `Dossier ${code} is outside your agency's jurisdiction.`,
    ),
};
