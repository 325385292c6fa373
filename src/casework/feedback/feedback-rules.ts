import { type AppError, appError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { FEEDBACK_STATUS_VI, type FeedbackAction, type FeedbackStatus } from "./feedback.types.ts";

/** Who may take each step, from which states; the submitter acts with the code and PIN. */
const RULES: Record<FeedbackAction["type"], { from: FeedbackStatus[]; to: FeedbackStatus; roles: Role[] }> = {
  assign: { from: ["received", "assigned", "reopened"], to: "assigned", roles: ["head", "leader"] },
  answer: {
    from: ["received", "assigned", "reopened"],
    to: "answered",
    roles: ["specialist", "head", "leader"],
  },
  close: { from: ["answered"], to: "closed", roles: ["head", "leader"] },
  reopen: { from: ["answered", "closed"], to: "reopened", roles: ["leader"] },
};

export type FeedbackActor =
  | { kind: "official"; roles: readonly Role[]; agencyCode: string }
  | { kind: "submitter" };

export function decideFeedback(
  item: { status: FeedbackStatus; agencyCode: string },
  type: FeedbackAction["type"],
  actor: FeedbackActor,
): Result<FeedbackStatus, AppError> {
  const rule = RULES[type];
  if (!rule.from.includes(item.status)) {
    return err(
      appError(
        "FEEDBACK_ACTION_NOT_ALLOWED",
        409,
        `Không thể thực hiện khi phản ánh, kiến nghị đang ở trạng thái "${FEEDBACK_STATUS_VI[item.status]}".`,
        `Not allowed while the feedback is ${item.status}.`,
      ),
    );
  }
  if (actor.kind === "submitter") {
    // The submitter accepts the answer (close) or says it did not settle the matter (reopen).
    if (type === "close" || type === "reopen") return ok(rule.to);
    return err(
      appError(
        "FEEDBACK_FORBIDDEN",
        403,
        "Người gửi chỉ được đóng hoặc mở lại.",
        "Submitters only close or reopen.",
      ),
    );
  }
  if (actor.agencyCode !== item.agencyCode || !actor.roles.some((r) => rule.roles.includes(r))) {
    return err(
      appError(
        "FEEDBACK_FORBIDDEN",
        403,
        "Phản ánh, kiến nghị này không thuộc cơ quan hoặc vai trò của bạn.",
        "This feedback is not your agency's or role's to handle.",
        { roles: rule.roles },
      ),
    );
  }
  return ok(rule.to);
}
