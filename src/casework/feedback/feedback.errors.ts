import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";
import { FEEDBACK_STATUS_VI, type FeedbackStatus } from "./feedback.types.ts";

export const feedbackErrors = {
  notFound: (code: string) =>
    appError(
      "FEEDBACK_NOT_FOUND",
      404,
      `Không có phản ánh, kiến nghị mã ${code} (hoặc mã tra cứu không đúng).`,
      `No feedback ${code}.`,
    ),
  unknownTarget: (what: string) =>
    appError(
      "FEEDBACK_TARGET_NOT_FOUND",
      404,
      `Không tìm thấy ${what} được phản ánh.`,
      `The ${what} was not found.`,
    ),
};

/** The steps on a PAKN (feedback-rules.ts). */
export const feedbackRuleErrors = {
  notAllowed: (status: FeedbackStatus) =>
    appError(
      "FEEDBACK_ACTION_NOT_ALLOWED",
      409,
      `Không thể thực hiện khi phản ánh, kiến nghị đang ở trạng thái "${FEEDBACK_STATUS_VI[status]}".`,
      `Not allowed while the feedback is ${status}.`,
    ),
  submitterStep: () =>
    appError(
      "FEEDBACK_FORBIDDEN",
      403,
      "Người gửi chỉ được đóng hoặc mở lại.",
      "Submitters only close or reopen.",
    ),
  notYours: (roles: readonly string[]) =>
    appError(
      "FEEDBACK_FORBIDDEN",
      403,
      "Phản ánh, kiến nghị này không thuộc cơ quan hoặc vai trò của bạn.",
      "This feedback is not your agency's or role's to handle.",
      { roles },
    ),
  badAssignee: () =>
    appError(
      "FEEDBACK_BAD_ASSIGNEE",
      400,
      "Cán bộ được giao phải thuộc cơ quan xử lý.",
      "The assignee must belong to the agency.",
    ),
};

/** Ratings of returned dossiers (đánh giá mức độ hài lòng). */
export const ratingErrors = {
  tooEarly: () =>
    appError(
      "RATING_TOO_EARLY",
      409,
      "Chỉ đánh giá được sau khi đã nhận kết quả.",
      "Rate after the result is returned.",
    ),
  exists: () =>
    appError("RATING_EXISTS", 409, "Hồ sơ này đã được đánh giá.", "This dossier was already rated."),
};

export type FeedbackErrorCode =
  | ErrorCode<typeof feedbackErrors>
  | ErrorCode<typeof feedbackRuleErrors>
  | ErrorCode<typeof ratingErrors>;
