import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const kpiUnitErrors = {
  notFound: (code: string) =>
    appError(
      "KPI_UNIT_NOT_FOUND",
      404,
      `Không tìm thấy đơn vị "${code}" (mã cơ quan, mã xã/phường mới hoặc cũ).`,
      `No agency or administrative unit "${code}".`,
    ),
};

export type KpiErrorCode = ErrorCode<typeof kpiUnitErrors>;
