import { describe, expect, it } from "vitest";
import { ACTION_RULES, type ActionType } from "../../src/casework/dossiers/action-rules.ts";
import {
  DEFAULT_DVCQG_MAPPING,
  type DossierStatus,
  dossierStatusSchema,
  dvcqgMappingSchema,
} from "../../src/casework/dossiers/dossier-status.ts";
import {
  type Actor,
  availableActions,
  decide,
  type LifecycleView,
} from "../../src/casework/dossiers/lifecycle.ts";
import { deriveDefaultProcess } from "../../src/reference/processes/default-process.ts";
import { processDefinitionSchema } from "../../src/reference/processes/process.types.ts";

const process = deriveDefaultProcess("1.001193", { kind: "working", minutes: 3 * 480 });
const AGENCY = "DEMO.37.TTPVHCC";
const person = (role: Actor["roles"][number], agencyCode = AGENCY): Actor => ({
  id: 1,
  roles: [role],
  agencyCode,
});
const view = (over: Partial<LifecycleView> = {}): LifecycleView => ({
  status: "received",
  stepIndex: null,
  steps: process.steps,
  receivingAgency: AGENCY,
  handlingAgency: AGENCY,
  reappointed: false,
  openSubcases: 0,
  ...over,
});

function walk(v: LifecycleView, type: ActionType, actor: Actor): LifecycleView {
  const d = decide(v, type, actor);
  if (!d.ok) throw new Error(`${type}: ${d.error.message}`);
  return { ...v, ...d.value };
}

describe("the default process", () => {
  it("is valid and its step budgets add up to the legal time", () => {
    expect(processDefinitionSchema.safeParse(process).success).toBe(true);
    expect(process.steps.reduce((s, x) => s + x.budgetMinutes, 0)).toBe(3 * 480);
    expect(process.steps.map((s) => s.role)).toEqual(["specialist", "head", "leader", "clerk", "desk"]);
  });
});

describe("the dossier lifecycle", () => {
  it("walks accept → forward → appraise → approve → issue → return, with the DVCQG code of each state", () => {
    const codes: number[] = [];
    let v = view({ status: "submitted" });
    const step = (type: ActionType, role: Actor["roles"][number]) => {
      v = walk(v, type, person(role));
      codes.push(DEFAULT_DVCQG_MAPPING[v.status]);
    };
    codes.push(DEFAULT_DVCQG_MAPPING[v.status]);
    step("accept", "desk");
    step("forward", "desk");
    step("forward", "specialist");
    step("forward", "head");
    step("approve", "leader");
    step("issue-result", "clerk");
    step("return-result", "desk");
    expect(codes).toEqual([1, 2, 4, 4, 4, 4, 9, 10]);
    expect(v.status).toBe("returned");
  });

  it("refuses a step's action to a role that does not hold the step (403) and a wrong state (409)", () => {
    const atAppraisal = view({ status: "processing", stepIndex: 0 });
    const wrongRole = decide(atAppraisal, "forward", person("desk"));
    expect(wrongRole.ok ? 0 : wrongRole.error.status).toBe(403);
    const wrongState = decide(view({ status: "returned", stepIndex: 4 }), "forward", person("specialist"));
    expect(wrongState.ok ? 0 : wrongState.error.status).toBe(409);
    expect(wrongState.ok ? "" : wrongState.error.message).toContain("Đã trả kết quả");
  });

  it("refuses an official of another agency", () => {
    const r = decide(
      view({ status: "processing", stepIndex: 0 }),
      "forward",
      person("specialist", "DEMO.37.STP"),
    );
    expect(r.ok ? 0 : r.error.status).toBe(403);
  });

  it("allows only one re-appointment", () => {
    const v = view({ status: "processing", stepIndex: 0 });
    expect(decide(v, "reappoint", person("leader")).ok).toBe(true);
    const again = decide({ ...v, reappointed: true }, "reappoint", person("leader"));
    expect(again.ok ? 0 : again.error.status).toBe(409);
  });

  it("does not issue a result while a liên thông sub-case is open", () => {
    const r = decide(
      view({ status: "processing", stepIndex: 3, openSubcases: 1 }),
      "issue-result",
      person("clerk"),
    );
    expect(r.ok ? "" : r.error.message).toContain("liên thông");
  });

  it("offers the UI exactly the actions the rules allow", () => {
    expect(
      availableActions(view({ status: "processing", stepIndex: 0 }), person("specialist")).sort(),
    ).toEqual(["claim", "forward", "open-subcase", "request-payment", "request-supplement"].sort());
    // Closing a liên thông sub-case is offered only while one is open.
    expect(
      availableActions(view({ status: "processing", stepIndex: 0, openSubcases: 1 }), person("specialist")),
    ).toContain("close-subcase");
  });

  // Every action against every state: allowed exactly where the table says (for a permitted actor).
  const statuses = dossierStatusSchema.options;
  for (const [type, rule] of Object.entries(ACTION_RULES) as [
    ActionType,
    (typeof ACTION_RULES)[ActionType],
  ][]) {
    it(`"${type}" is allowed in exactly ${rule.from.join(", ")}`, () => {
      for (const status of statuses) {
        const stepIndex = stepFor(type, status);
        const v = view({ status, stepIndex, ...(type === "close-subcase" ? { openSubcases: 1 } : {}) });
        const roles = ["desk", "specialist", "head", "leader", "clerk"] as const;
        const anyone = roles.some((r) => decide(v, type, person(r)).ok);
        expect(anyone, `${type} in ${status}`).toBe(rule.from.includes(status));
      }
    });
  }
});

/** A step where the action's step condition holds, so only the state decides. */
function stepFor(type: ActionType, status: DossierStatus): number | null {
  if (status === "received" || status === "submitted" || status === "awaiting-completion") return null;
  const kinds = ACTION_RULES[type].atSteps;
  if (!kinds) return 0;
  return process.steps.findIndex((s) => kinds.includes(s.kind));
}

describe("the DVCQG mapping", () => {
  it("never lets 5, 6 or 8 collapse into 9", () => {
    const bad = { ...DEFAULT_DVCQG_MAPPING, stopped: 9 };
    const r = dvcqgMappingSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("không được gộp");
    expect(dvcqgMappingSchema.safeParse(DEFAULT_DVCQG_MAPPING).success).toBe(true);
  });
});
