import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";
import { ACTION_RULES, type ActionType } from "./action-rules.ts";

export const dossierErrors = {
  notFound: (code: string) =>
    appError("DOSSIER_NOT_FOUND", 404, `Không có hồ sơ mã ${code}.`, `No dossier ${code}.`),
  badPin: () =>
    appError(
      "TRACKING_NOT_FOUND",
      404,
      "Mã hồ sơ hoặc mã tra cứu (PIN) không đúng.",
      "Wrong dossier code or PIN.",
    ),
};

export const accessErrors = {
  /** The same status and body as an unknown code, so other units' codes cannot be told apart. */
  outsideJurisdiction: (code: string) => dossierErrors.notFound(code),
};

/** What the rule table refuses (lifecycle.ts decide): 409 for the state or step, 403 for the caller. */
export const lifecycleErrors = {
  notAllowed: (type: ActionType, why: string) =>
    appError(
      "ACTION_NOT_ALLOWED",
      409,
      `Không thể ${ACTION_RULES[type].vi}: ${why}.`,
      `Action "${type}" is not allowed now.`,
      { action: type },
    ),
  forbidden: (type: ActionType, roles: readonly string[], agency: string) =>
    appError(
      "ACTION_FORBIDDEN",
      403,
      `Không có quyền ${ACTION_RULES[type].vi}: cần vai trò ${roles.join(" hoặc ")} tại ${agency}.`,
      `Action "${type}" needs role ${roles.join(" or ")} at ${agency}.`,
      { action: type, roles, agency },
    ),
};

export const receptionErrors = {
  registryUnavailable: () =>
    appError(
      "REGISTRY_UNAVAILABLE",
      503,
      "Chưa kết nối được Hệ thống thông tin quốc gia về đăng ký doanh nghiệp. Vui lòng thử lại sau ít phút.",
      "The national business registry cannot be reached.",
    ),
  notRegistered: (code: string) =>
    appError(
      "REGISTRY_NOT_FOUND",
      404,
      `Không tìm thấy doanh nghiệp / hộ kinh doanh mã ${code} trong hệ thống đăng ký quốc gia.`,
      "No such business in the national registry.",
      { code },
    ),
  notDesk: () =>
    appError(
      "RECEPTION_FORBIDDEN",
      403,
      "Chỉ cán bộ Bộ phận Một cửa được tiếp nhận hồ sơ.",
      "Only desk officers receive dossiers.",
    ),
  unknownComponents: (names: string[]) =>
    appError(
      "RECEPTION_UNKNOWN_COMPONENTS",
      400,
      `Thành phần hồ sơ không có trong danh mục của thủ tục: ${names.join("; ")}.`,
      "Components not in the procedure's list.",
      { components: names },
    ),
};

export const actionErrors = {
  reappointEarlier: () =>
    appError(
      "REAPPOINT_NOT_LATER",
      400,
      "Ngày hẹn mới phải sau ngày hẹn hiện tại.",
      "The new appointment must be later.",
    ),
  badAssignee: (role: string, agency: string) =>
    appError(
      "ASSIGNEE_INVALID",
      400,
      `Người được phân công phải có vai trò ${role} tại ${agency}.`,
      `Assignee needs role ${role} at ${agency}.`,
    ),
  noOpenSubcase: (id: string) =>
    appError(
      "SUBCASE_NOT_OPEN",
      409,
      `Hồ sơ liên thông ${id} không tồn tại hoặc đã đóng.`,
      `Sub-case ${id} is not open.`,
    ),
};

export const idempotencyErrors = {
  reused: () =>
    appError(
      "IDEMPOTENCY_KEY_REUSED",
      422,
      "Mã yêu cầu (Idempotency-Key) này đã được dùng cho một hồ sơ khác. Vui lòng tải lại trang và tiếp nhận lại.",
      "This Idempotency-Key was used for a different request.",
    ),
};

export type DossierErrorCode =
  | ErrorCode<typeof dossierErrors>
  | ErrorCode<typeof lifecycleErrors>
  | ErrorCode<typeof receptionErrors>
  | ErrorCode<typeof actionErrors>
  | ErrorCode<typeof idempotencyErrors>;
