import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";
import type { Duty } from "./steering-rules.ts";

export const steeringErrors = {
  forbidden: (duty: Duty) =>
    appError(
      "STEERING_FORBIDDEN",
      403,
      duty === "manage"
        ? "Chỉ quản trị hoặc lãnh đạo cơ quan cấp trên của đơn vị chủ trì được thực hiện."
        : "Chỉ lãnh đạo, trưởng phòng hoặc chuyên viên của đơn vị chủ trì được báo cáo.",
      duty === "manage"
        ? "Only administrators, or leaders over the responsible agency."
        : "Only the responsible agency's leaders, heads or specialists report on it.",
      { duty },
    ),
  notAllowed: (statusVi: string, status: string) =>
    appError(
      "STEERING_ACTION_NOT_ALLOWED",
      409,
      `Không thực hiện được khi đang ở trạng thái "${statusVi}".`,
      `Not allowed while ${status}.`,
    ),
  notFound: (what: string) =>
    appError("STEERING_NOT_FOUND", 404, `Không tìm thấy ${what}.`, `No such ${what}.`),
  noAgency: (code: string) =>
    appError("STEERING_AGENCY_NOT_FOUND", 422, `Không có cơ quan mã ${code}.`, `No agency ${code}.`, {
      code,
    }),
  issuedInFuture: (today: string) =>
    appError("STEERING_INVALID", 422, "Ngày ban hành sau ngày hôm nay.", "Issued in the future.", { today }),
  sameDueDate: () => appError("STEERING_INVALID", 422, "Hạn mới trùng hạn cũ.", "Same due date."),
  noDossier: (code: string) =>
    appError("STEERING_INVALID", 422, `Không có hồ sơ ${code}.`, "No such dossier."),
  noProcedure: (code: string) =>
    appError("STEERING_INVALID", 422, `Không có thủ tục ${code}.`, "No such procedure."),
};

export type SteeringErrorCode = ErrorCode<typeof steeringErrors>;
