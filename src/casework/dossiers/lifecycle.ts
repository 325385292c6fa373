import type { Actor, Role } from "../../kernel/caller.ts";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { ProcessStep } from "../../reference/processes/process.types.ts";
import { ACTION_RULES, type ActionType } from "./action-rules.ts";
import { lifecycleErrors } from "./dossier.errors.ts";
import { type DossierStatus, STATUS_LABEL_VI } from "./dossier-status.ts";

/** What the rules need to know about a dossier. */
export interface LifecycleView {
  status: DossierStatus;
  /** Index into steps; null before the first processing step. */
  stepIndex: number | null;
  steps: readonly ProcessStep[];
  receivingAgency: string;
  handlingAgency: string;
  reappointed: boolean;
  openSubcases: number;
}

export type { Actor } from "../../kernel/caller.ts";

export interface Decision {
  status: DossierStatus;
  stepIndex: number | null;
}

/** The rules' view of a projection row (the row's columns, with the process's steps). */
export function viewOf(
  d: {
    status: DossierStatus;
    step_index: number | null;
    receiving_agency: string;
    handling_agency: string;
    reappointed: boolean;
    open_subcases: number;
  },
  steps: readonly ProcessStep[],
): LifecycleView {
  return {
    status: d.status,
    stepIndex: d.step_index,
    steps,
    receivingAgency: d.receiving_agency,
    handlingAgency: d.handling_agency,
    reappointed: d.reappointed,
    openSubcases: d.open_subcases,
  };
}

/** The role and agency that hold the dossier now: the desk before the first step. */
export function holder(view: LifecycleView): { role: Role; agencyCode: string; step: ProcessStep | null } {
  const step = view.stepIndex === null ? null : (view.steps[view.stepIndex] ?? null);
  if (!step) return { role: "desk", agencyCode: view.receivingAgency, step: null };
  return {
    role: step.role,
    agencyCode: step.agency === "receiving" ? view.receivingAgency : view.handlingAgency,
    step,
  };
}

/** May this actor take this action now? The answer is the next state, or why not. */
export function decide(view: LifecycleView, type: ActionType, actor: Actor): Result<Decision, AppError> {
  const rule = ACTION_RULES[type];
  const now = holder(view);
  if (!rule.from.includes(view.status)) {
    return err(conflict(type, `hồ sơ đang ở trạng thái "${STATUS_LABEL_VI[view.status]}"`));
  }
  if (rule.atSteps && now.step && !rule.atSteps.includes(now.step.kind)) {
    return err(conflict(type, `bước hiện tại "${now.step.name}" không cho phép thao tác này`));
  }
  const agency =
    rule.agency === "step"
      ? now.agencyCode
      : rule.agency === "receiving"
        ? view.receivingAgency
        : view.handlingAgency;
  const roles = rule.roles.map((r) => (r === "step" ? now.role : r));
  if (actor.system) {
    if (!rule.system) return err(forbidden(type, roles, agency));
  } else if (actor.agencyCode !== agency || !roles.some((r) => actor.roles.includes(r))) {
    return err(forbidden(type, roles, agency));
  }
  if (type === "reappoint" && view.reappointed) return err(conflict(type, "hồ sơ đã được hẹn lại một lần"));
  // Nothing to close: the action is not offered (the UI would show an empty choice).
  if (type === "close-subcase" && view.openSubcases === 0) {
    return err(conflict(type, "không có hồ sơ liên thông đang mở"));
  }
  if (type === "issue-result" && view.openSubcases > 0) {
    return err(conflict(type, `còn ${view.openSubcases} hồ sơ liên thông chưa có kết quả`));
  }
  return ok({ status: rule.to === "same" ? view.status : rule.to, stepIndex: nextStep(view, rule.move) });
}

function nextStep(view: LifecycleView, move: (typeof ACTION_RULES)[ActionType]["move"]): number | null {
  const i = view.stepIndex;
  switch (move) {
    case "next":
      return i === null ? 0 : Math.min(i + 1, view.steps.length - 1);
    case "previous":
      return i === null || i === 0 ? i : i - 1;
    case "return-step":
      return view.steps.length - 1;
    default:
      return i;
  }
}

/** The actions this actor may take now: the server decides, the UI asks. */
export function availableActions(view: LifecycleView, actor: Actor): ActionType[] {
  return (Object.keys(ACTION_RULES) as ActionType[]).filter((t) => decide(view, t, actor).ok);
}

const conflict = lifecycleErrors.notAllowed;
const forbidden = lifecycleErrors.forbidden;
