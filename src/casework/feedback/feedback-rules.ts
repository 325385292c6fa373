import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { feedbackRuleErrors } from "./feedback.errors.ts";
import type { FeedbackAction, FeedbackStatus } from "./feedback.types.ts";

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
    return err(feedbackRuleErrors.notAllowed(item.status));
  }
  if (actor.kind === "submitter") {
    // The submitter accepts the answer (close) or says it did not settle the matter (reopen).
    if (type === "close" || type === "reopen") return ok(rule.to);
    return err(feedbackRuleErrors.submitterStep());
  }
  if (actor.agencyCode !== item.agencyCode || !actor.roles.some((r) => rule.roles.includes(r))) {
    return err(feedbackRuleErrors.notYours(rule.roles));
  }
  return ok(rule.to);
}
