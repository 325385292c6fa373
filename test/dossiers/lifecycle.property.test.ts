import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_RULES, type ActionType } from "../../src/casework/dossiers/action-rules.ts";
import {
  BEFORE_ACCEPTANCE,
  dossierStatusSchema,
  FINAL_STATUSES,
} from "../../src/casework/dossiers/dossier-status.ts";
import {
  type Actor,
  availableActions,
  decide,
  type LifecycleView,
} from "../../src/casework/dossiers/lifecycle.ts";
import { deriveDefaultProcess } from "../../src/reference/processes/default-process.ts";
import type { Role } from "../../src/reference/processes/process.types.ts";

/** Random walks: 2,000 in npm test, LIFECYCLE_RUNS (20,000 in npm run test:full) otherwise. */
const WALKS = Number(process.env.LIFECYCLE_RUNS ?? 2000);

const RECEIVING = "DEMO.37.TTPVHCC";
const HANDLING = "DEMO.37.STP";
const steps = deriveDefaultProcess("1.000894", { kind: "working", minutes: 5 * 480 }).steps;
const ROLES: Role[] = ["desk", "specialist", "head", "leader", "clerk", "admin", "supervisor"];
const ACTIONS = Object.keys(ACTION_RULES) as ActionType[];
const actors: Actor[] = [
  ...ROLES.flatMap((r) =>
    [RECEIVING, HANDLING, "DEMO.37.SXD"].map((agencyCode) => ({ id: 1, roles: [r], agencyCode })),
  ),
  { id: null, roles: [], agencyCode: RECEIVING, system: true },
];

interface State {
  view: LifecycleView;
  seq: number;
  journal: { type: ActionType; to: string; stepIndex: number | null }[];
}

/** What the service does with a decision: the projection moves, the journal grows by one entry. */
function apply(s: State, type: ActionType, actor: Actor): State {
  const d = decide(s.view, type, actor);
  if (!d.ok) return s;
  const view: LifecycleView = {
    ...s.view,
    status: d.value.status,
    stepIndex: d.value.stepIndex,
    reappointed: s.view.reappointed || type === "reappoint",
    openSubcases: s.view.openSubcases + (type === "open-subcase" ? 1 : type === "close-subcase" ? -1 : 0),
  };
  return {
    view,
    seq: s.seq + 1,
    journal: [...s.journal, { type, to: view.status, stepIndex: view.stepIndex }],
  };
}

/** The projection rebuilt from the journal alone. */
function replay(start: LifecycleView, journal: State["journal"]) {
  let v = start;
  for (const e of journal) {
    v = {
      ...v,
      status: e.to as LifecycleView["status"],
      stepIndex: e.stepIndex,
      reappointed: v.reappointed || e.type === "reappoint",
      openSubcases: v.openSubcases + (e.type === "open-subcase" ? 1 : e.type === "close-subcase" ? -1 : 0),
    };
  }
  return v;
}

const start = (status: "submitted" | "received"): LifecycleView => ({
  status,
  stepIndex: null,
  steps,
  receivingAgency: RECEIVING,
  handlingAgency: HANDLING,
  reappointed: false,
  openSubcases: 0,
});

const reached = new Set<string>();
// The furthest step on offer first (claiming or assigning leaves the state as it is).
const FORWARD: ActionType[] = ["return-result", "issue-result", "approve", "forward", "accept"];

/** Takes the furthest forward step on offer, `n` times (or until none is offered). */
function walkForward(s0: State, n: number): State {
  let s = s0;
  for (let i = 0; i < n; i++) {
    const options = actors.flatMap((a) => availableActions(s.view, a).map((t) => [a, t] as const));
    const next = FORWARD.map((f) => options.find(([, t]) => t === f)).find((o) => o !== undefined);
    if (!next) break;
    s = apply(s, next[1], next[0]);
  }
  return s;
}

describe("the dossier lifecycle under random actions", () => {
  it("never reaches an illegal state, and the projection always equals a replay of the journal", {
    timeout: 30_000 + WALKS * 10,
  }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"submitted" | "received">("submitted", "received"),
        // A few forward steps first, so the random moves start anywhere along the way.
        fc.nat(7),
        // Half the moves pick an action the actor may take (so dossiers get far), half any action.
        fc.array(fc.tuple(fc.nat(ACTIONS.length - 1), fc.nat(actors.length - 1), fc.boolean()), {
          maxLength: 80,
        }),
        (first, ahead, moves) => {
          const s0: State = { view: start(first), seq: 0, journal: [] };
          let s = walkForward(s0, ahead);
          for (const [n, who, allowedOnly] of moves) {
            const before = s;
            // An allowed move: any actor's offered action; otherwise any action by any actor.
            const offered = allowedOnly
              ? actors.flatMap((a) => availableActions(s.view, a).map((t) => [a, t] as const))
              : [[actors[who] as Actor, ACTIONS[n % ACTIONS.length] as ActionType] as const];
            const pick = offered[n % Math.max(1, offered.length)];
            if (!pick) continue;
            const [actor, type] = pick;
            s = apply(s, type, actor);
            const v = s.view;
            expect(dossierStatusSchema.safeParse(v.status).success).toBe(true);
            expect(v.stepIndex === null || (v.stepIndex >= 0 && v.stepIndex < steps.length)).toBe(true);
            expect(v.openSubcases).toBeGreaterThanOrEqual(0);
            // Nothing leaves a final state, and nothing returns to before acceptance once accepted.
            if (FINAL_STATUSES.has(before.view.status)) expect(v).toEqual(before.view);
            if (!BEFORE_ACCEPTANCE.has(before.view.status))
              expect(BEFORE_ACCEPTANCE.has(v.status)).toBe(false);
            // A result is issued only when every liên thông sub-case is closed.
            if (s !== before && type === "issue-result") expect(before.view.openSubcases).toBe(0);
          }
          expect(replay(s0.view, s.journal)).toEqual(s.view);
          expect(s.journal.filter((e) => e.type === "reappoint").length).toBeLessThanOrEqual(1);
          reached.add(s.view.status);
        },
      ),
      { numRuns: WALKS },
    );
    // The walk is not idle: dossiers reach the ends a real one reaches.
    for (const end of [
      "refused",
      "withdrawn",
      "stopped",
      "supplement-requested",
      "result-ready",
      "returned",
    ]) {
      expect(reached).toContain(end);
    }
  });

  it("a dossier that always takes the next forward step is returned with its result", () => {
    const s = walkForward({ view: start("submitted"), seq: 0, journal: [] }, 40);
    expect(s.view.status).toBe("returned");
    expect(replay(start("submitted"), s.journal)).toEqual(s.view);
  });

  it("officials of another agency and read-only roles never move a dossier", () => {
    const outsiders = actors.filter((a) => a.agencyCode === "DEMO.37.SXD" || a.roles.includes("supervisor"));
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...outsiders),
        fc.constantFrom(...dossierStatusSchema.options),
        (type, actor, status) => {
          expect(decide({ ...start("received"), status, stepIndex: 0 }, type, actor).ok).toBe(false);
        },
      ),
      { numRuns: Math.ceil(WALKS / 4) },
    );
  });
});
