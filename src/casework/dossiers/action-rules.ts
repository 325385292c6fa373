import type { Role, StepKind } from "../../reference/processes/process.types.ts";
import type { DossierStatus } from "./dossier-status.ts";

export type ActionType =
  | "accept"
  | "refuse"
  | "request-completion"
  | "forward"
  | "approve"
  | "send-back"
  | "assign"
  | "claim"
  | "request-supplement"
  | "resubmit"
  | "digitise"
  | "request-payment"
  | "confirm-payment"
  | "withdraw"
  | "stop"
  | "issue-result"
  | "return-result"
  | "reappoint"
  | "open-subcase"
  | "close-subcase";

/**
 * One declarative table of who may do what, in which state and at which step (OpenCRVS style).
 * The server enforces it in `decide`; tests enumerate it. Anything not allowed here is a 409.
 */
export interface ActionRule {
  /** Roles that may take the action; "step" means the role the current step names. */
  roles: readonly (Role | "step")[];
  /** Which agency the actor must belong to. */
  agency: "receiving" | "handling" | "step";
  from: readonly DossierStatus[];
  /** Only at steps of these kinds (when the dossier is at a step). */
  atSteps?: readonly StepKind[];
  /** Resulting status; "same" keeps it. */
  to: DossierStatus | "same";
  /** motcua may take it itself on a national system's word (no official involved). */
  system?: boolean;
  /** Where the step pointer goes. */
  move?: "next" | "previous" | "return-step";
  vi: string;
}

const ACTIVE: readonly DossierStatus[] = [
  "received",
  "processing",
  "supplement-requested",
  "payment-requested",
];

export const ACTION_RULES: Readonly<Record<ActionType, ActionRule>> = {
  accept: {
    roles: ["desk"],
    agency: "receiving",
    from: ["submitted", "awaiting-completion"],
    to: "received",
    vi: "tiếp nhận",
  },
  refuse: {
    roles: ["desk"],
    agency: "receiving",
    from: ["submitted", "awaiting-completion"],
    to: "refused",
    vi: "từ chối tiếp nhận",
  },
  "request-completion": {
    roles: ["desk"],
    agency: "receiving",
    from: ["submitted"],
    to: "awaiting-completion",
    vi: "yêu cầu bổ sung trước khi tiếp nhận",
  },
  forward: {
    roles: ["step"],
    agency: "step",
    from: ["received", "processing"],
    atSteps: ["appraisal", "review"],
    to: "processing",
    move: "next",
    vi: "chuyển bước tiếp theo",
  },
  approve: {
    roles: ["step"],
    agency: "step",
    from: ["processing"],
    atSteps: ["approval"],
    to: "processing",
    move: "next",
    vi: "phê duyệt",
  },
  "send-back": {
    roles: ["step"],
    agency: "step",
    from: ["processing"],
    atSteps: ["review", "approval", "issue"],
    to: "processing",
    move: "previous",
    vi: "trả lại bước trước",
  },
  assign: {
    roles: ["head", "leader"],
    agency: "handling",
    from: ["processing"],
    to: "same",
    vi: "phân công",
  },
  claim: { roles: ["step"], agency: "step", from: ["processing"], to: "same", vi: "nhận xử lý" },
  "request-supplement": {
    roles: ["step", "head"],
    agency: "handling",
    from: ["processing"],
    atSteps: ["appraisal", "review"],
    to: "supplement-requested",
    vi: "yêu cầu bổ sung",
  },
  resubmit: {
    roles: ["desk"],
    agency: "receiving",
    from: ["supplement-requested"],
    to: "processing",
    vi: "nhận hồ sơ bổ sung",
  },
  digitise: {
    roles: ["desk"],
    agency: "receiving",
    from: [
      "submitted",
      "awaiting-completion",
      "received",
      "processing",
      "supplement-requested",
      "payment-requested",
    ],
    to: "same",
    vi: "số hóa thành phần hồ sơ",
  },
  "request-payment": {
    roles: ["step", "head"],
    agency: "handling",
    from: ["processing"],
    to: "payment-requested",
    vi: "yêu cầu thực hiện nghĩa vụ tài chính",
  },
  "confirm-payment": {
    roles: ["desk", "clerk"],
    agency: "receiving",
    from: ["payment-requested"],
    to: "processing",
    system: true,
    vi: "xác nhận đã nộp",
  },
  withdraw: {
    roles: ["desk"],
    agency: "receiving",
    from: ["submitted", "awaiting-completion", ...ACTIVE],
    to: "withdrawn",
    vi: "rút hồ sơ",
  },
  stop: { roles: ["leader"], agency: "handling", from: ACTIVE.slice(1), to: "stopped", vi: "dừng xử lý" },
  "issue-result": {
    roles: ["step"],
    agency: "step",
    from: ["processing"],
    atSteps: ["issue"],
    to: "result-ready",
    move: "return-step",
    vi: "ban hành kết quả",
  },
  "return-result": {
    roles: ["desk"],
    agency: "receiving",
    from: ["result-ready"],
    atSteps: ["return"],
    to: "returned",
    vi: "trả kết quả",
  },
  reappoint: {
    roles: ["head", "leader"],
    agency: "handling",
    from: ACTIVE,
    to: "same",
    vi: "gia hạn, hẹn lại",
  },
  "open-subcase": {
    roles: ["step", "head", "leader"],
    agency: "handling",
    from: ["processing"],
    to: "same",
    vi: "chuyển liên thông",
  },
  "close-subcase": {
    roles: ["specialist", "head", "leader"],
    agency: "handling",
    from: ["processing", "supplement-requested", "payment-requested"],
    to: "same",
    vi: "nhận kết quả liên thông",
  },
};
