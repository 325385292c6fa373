import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { epochDayOf } from "../../reference/calendar/local-time.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { steeringErrors } from "./steering.errors.ts";
import type {
  FindingAction,
  FindingStatus,
  InspectionAction,
  InspectionStatus,
  RegulationAction,
  RegulationStatus,
  TaskAction,
} from "./steering.types.ts";

// Pure rules of reform steering: who may do what, from which state, and what is overdue.

/** An official, with the agencies above and including the item's (its jurisdiction test). */
export interface SteeringActor {
  roles: readonly Role[];
  agencyCode: string;
}

/**
 * manage: the steering committee's acts (register, reschedule, cancel, plan, verify): administrators
 * anywhere, leaders over their subtree. own: the responsible agency's report of its own work:
 * leaders, heads and specialists of the agency or above it. Supervisors only read.
 */
export type Duty = "manage" | "own";
const DUTY_ROLES: Record<Duty, readonly Role[]> = {
  manage: ["leader"],
  own: ["leader", "head", "specialist"],
};

/** May the actor act as `duty` on an item whose agency has these ancestors (itself first)? */
export function mayAct(actor: SteeringActor, duty: Duty, agencyLine: readonly string[]): boolean {
  if (duty === "manage" && actor.roles.includes("admin")) return true;
  return agencyLine.includes(actor.agencyCode) && actor.roles.some((r) => DUTY_ROLES[duty].includes(r));
}

interface Move<S> {
  from: readonly S[];
  /** null: the state stays. */
  to: S | null;
  duty: Duty;
}

function decide<S extends string>(
  moves: Record<string, Move<S>>,
  vi: Record<string, string>,
  status: S,
  type: string,
  actor: SteeringActor,
  line: readonly string[],
): Result<S, AppError> {
  const m = moves[type];
  if (!m) throw new Error(`no rule for ${type}`);
  if (!m.from.includes(status)) return err(steeringErrors.notAllowed(vi[status] ?? status, status));
  if (!mayAct(actor, m.duty, line)) return err(steeringErrors.forbidden(m.duty));
  return ok(m.to ?? status);
}

const OPEN_REGULATION = ["drafting", "submitted"] as const;
const REGULATION_MOVES: Record<RegulationAction["type"], Move<RegulationStatus>> = {
  submit: { from: ["drafting"], to: "submitted", duty: "own" },
  return: { from: ["submitted"], to: "drafting", duty: "manage" },
  issue: { from: OPEN_REGULATION, to: "issued", duty: "own" },
  reschedule: { from: OPEN_REGULATION, to: null, duty: "manage" },
  cancel: { from: OPEN_REGULATION, to: "cancelled", duty: "manage" },
};
const REGULATION_VI = {
  drafting: "Đang soạn thảo",
  submitted: "Đã trình ký",
  issued: "Đã ban hành",
  cancelled: "Không ban hành",
};

export const decideRegulation = (
  status: RegulationStatus,
  type: RegulationAction["type"],
  actor: SteeringActor,
  line: readonly string[],
) => decide(REGULATION_MOVES, REGULATION_VI, status, type, actor, line);

const INSPECTION_MOVES: Record<InspectionAction["type"], Move<InspectionStatus>> = {
  start: { from: ["planned"], to: "in-progress", duty: "manage" },
  complete: { from: ["in-progress"], to: "completed", duty: "manage" },
  cancel: { from: ["planned"], to: "cancelled", duty: "manage" },
};
const INSPECTION_VI = {
  planned: "Kế hoạch",
  "in-progress": "Đang kiểm tra",
  completed: "Đã kết luận",
  cancelled: "Đã hủy",
};

/** `line`: the inspecting agency's; the committee that plans the inspection runs it. */
export const decideInspection = (
  status: InspectionStatus,
  type: InspectionAction["type"],
  actor: SteeringActor,
  line: readonly string[],
) => decide(INSPECTION_MOVES, INSPECTION_VI, status, type, actor, line);

/** Findings are recorded while an inspection runs or when it concludes. */
export const FINDING_WHILE: readonly InspectionStatus[] = ["in-progress", "completed"];

const FINDING_MOVES: Record<FindingAction["type"], Move<FindingStatus>> = {
  "report-remedy": { from: ["open"], to: "remedied", duty: "own" },
  close: { from: ["remedied"], to: "closed", duty: "manage" },
  reject: { from: ["remedied"], to: "open", duty: "manage" },
  extend: { from: ["open"], to: null, duty: "manage" },
};
const FINDING_VI = { open: "Chưa khắc phục", remedied: "Đã báo cáo khắc phục", closed: "Đã kết thúc" };

/**
 * The owner reports the remedy (`ownerLine`); the inspecting agency verifies it, sends it back or
 * extends the deadline (`inspectorLine`): the one who remedies does not close their own finding.
 */
export function decideFinding(
  status: FindingStatus,
  type: FindingAction["type"],
  actor: SteeringActor,
  lines: { owner: readonly string[]; inspector: readonly string[] },
) {
  const line = FINDING_MOVES[type].duty === "own" ? lines.owner : lines.inspector;
  return decide(FINDING_MOVES, FINDING_VI, status, type, actor, line);
}

const TASK_MOVES: Record<TaskAction["type"], Move<"open" | "done" | "cancelled">> = {
  progress: { from: ["open"], to: null, duty: "own" },
  cancel: { from: ["open"], to: "cancelled", duty: "manage" },
};
const TASK_VI = { open: "Đang thực hiện", done: "Hoàn thành", cancelled: "Đã hủy" };

export function decideTask(
  status: "open" | "done" | "cancelled",
  action: TaskAction,
  actor: SteeringActor,
  line: readonly string[],
) {
  const r = decide(TASK_MOVES, TASK_VI, status, action.type, actor, line);
  if (r.ok && action.type === "progress" && action.progress === 100) return ok("done" as const);
  return r;
}

/** Days from `today` to `dueOn` (negative: past it). */
export const daysUntil = (dueOn: string, today: string) => epochDayOf(dueOn) - epochDayOf(today);

/** Where an item with a deadline stands on `today`; `open` is whether it still has to be done. */
export function standing(open: boolean, dueOn: string, today: string) {
  const left = daysUntil(dueOn, today);
  return {
    overdue: open && left < 0,
    daysOverdue: open && left < 0 ? -left : 0,
    daysLeft: open ? left : null,
  };
}

/** A regulation issued after its first due date was late, even if its date was moved. */
export const issuedLate = (r: { status: RegulationStatus; issuedOn: string | null; originalDueOn: string }) =>
  r.status === "issued" && r.issuedOn !== null && r.issuedOn > r.originalDueOn;

/**
 * The reminder an open item is owed today: the tightest threshold it has reached (`due-7` when
 * 7 or fewer days are left), or `overdue` once the date has passed; null before the first one.
 * Each kind is sent once, so a late-registered item gets only the tightest.
 */
export function reminderKind(left: number, thresholds: readonly number[]): string | null {
  if (left < 0) return "overdue";
  const reached = thresholds.filter((t) => left <= t);
  return reached.length ? `due-${Math.min(...reached)}` : null;
}
