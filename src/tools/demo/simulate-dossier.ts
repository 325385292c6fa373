import type { ActionType } from "../../casework/dossiers/action-rules.ts";
import { dueFrom, extendedBy, forwardingDue, stepDue } from "../../casework/dossiers/deadlines.ts";
import type { DossierStatus } from "../../casework/dossiers/dossier-status.ts";
import { type Actor, decide, holder, type LifecycleView } from "../../casework/dossiers/lifecycle.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { ProcessDefinition } from "../../reference/processes/process.types.ts";
import type { SeededRandom } from "./random.ts";

/** The share of dossiers that take each path; synthetic, tuned to look like a province's year. */
export const DEMO_RATES = {
  refusedAtDesk: 0.02,
  completionFirst: 0.05,
  withdrawn: 0.02,
  stopped: 0.01,
  supplement: 0.08,
  payment: 0.04,
  late: 0.09,
  reappointWhenLate: 0.5,
  negativeResult: 0.03,
} as const;

export interface SimAction {
  type: ActionType | "receive";
  at: Date;
  actor: Actor;
  note: string;
  payload: Record<string, unknown>;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  stepKey: string | null;
  stepDueAt: Date | null;
}

export interface SimResult {
  view: LifecycleView;
  actions: SimAction[];
  receivedAt: Date;
  dueAt: Date | null;
  firstDueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  stepStartedAt: Date;
  stepDueAt: Date | null;
  pausedAt: Date | null;
  pausedMs: number;
  late: boolean;
  resultKind: "positive" | "negative" | null;
}

const HOUR = 3_600_000;

/**
 * Walks one synthetic dossier through the real rules (decide) from its receipt until `until`,
 * with delays drawn per step. A dossier whose next action would fall after `until` stays open.
 */
export function simulateDossier(
  rnd: SeededRandom,
  cal: WorkCalendar,
  process: ProcessDefinition,
  agencies: { receiving: string; handling: string },
  actorFor: (role: string, agencyCode: string) => Actor,
  receivedAt: Date,
  until: Date,
): SimResult {
  const after = (t: Date, workingMs: number) =>
    new Date(cal.instantAtWorkingTime(cal.workingTimeAt(t.getTime()) + Math.max(1, workingMs)));
  let view: LifecycleView = {
    status: "received",
    stepIndex: null,
    steps: process.steps,
    receivingAgency: agencies.receiving,
    handlingAgency: agencies.handling,
    reappointed: false,
    openSubcases: 0,
  };
  const r: SimResult = {
    view,
    actions: [],
    receivedAt,
    dueAt: null,
    firstDueAt: null,
    finishedAt: null,
    returnedAt: null,
    stepStartedAt: receivedAt,
    stepDueAt: null,
    pausedAt: null,
    pausedMs: 0,
    late: false,
    resultKind: null,
  };
  const deskOf = () => actorFor("desk", agencies.receiving);
  let t = receivedAt;
  const record = (
    type: SimAction["type"],
    to: LifecycleView,
    actor: Actor,
    payload: Record<string, unknown> = {},
    note = "",
  ) => {
    const h = holder(to);
    const moved =
      to.stepIndex !== view.stepIndex || (view.status === "received" && to.status === "processing");
    if (moved) {
      r.stepStartedAt = t;
      r.stepDueAt = stepDue(cal, t, h.step?.budgetMinutes ?? 0);
    }
    r.actions.push({
      type,
      at: t,
      actor,
      note,
      payload,
      fromStatus: type === "receive" ? null : view.status,
      toStatus: to.status,
      stepKey: h.step?.key ?? null,
      stepDueAt: r.stepDueAt,
    });
    view = to;
  };
  /** Takes an action through the rules after a delay; false when the year ends first. */
  const act = (type: ActionType, delayMs: number, payload: Record<string, unknown> = {}, note = "") => {
    const at = after(t, delayMs);
    if (at > until) return false;
    const h = holder(view);
    const role =
      type === "stop" || type === "reappoint"
        ? "leader"
        : ["resubmit", "confirm-payment", "accept", "withdraw"].includes(type)
          ? "desk"
          : h.role;
    const actor =
      role === "desk" ? deskOf() : actorFor(role, role === h.role ? h.agencyCode : agencies.handling);
    const d = decide(view, type, actor);
    if (!d.ok) throw new Error(`demo generator broke a rule: ${type} in ${view.status}: ${d.error.message}`);
    t = at;
    record(
      type,
      { ...view, ...d.value, reappointed: view.reappointed || type === "reappoint" },
      actor,
      payload,
      note,
    );
    return true;
  };

  // Reception.
  const refused = rnd.chance(DEMO_RATES.refusedAtDesk);
  const completion = !refused && rnd.chance(DEMO_RATES.completionFirst);
  const first: DossierStatus = refused ? "refused" : completion ? "awaiting-completion" : "received";
  view = { ...view, status: first };
  r.stepDueAt = first === "received" ? forwardingDue(cal, t) : null;
  r.actions.push({
    type: "receive",
    at: t,
    actor: deskOf(),
    note: refused ? "Không thuộc thẩm quyền" : completion ? "Thiếu giấy tờ" : "",
    payload: { outcome: refused ? "refuse" : completion ? "request-completion" : "accept" },
    fromStatus: null,
    toStatus: first,
    stepKey: null,
    stepDueAt: r.stepDueAt,
  });
  if (refused) return finish(r, view, t);
  if (completion && !act("accept", rnd.int(1, 3) * 8 * HOUR)) return finish(r, view, null);
  r.dueAt = dueFrom(cal, t, process.duration);
  r.firstDueAt = r.dueAt;
  if (!act("forward", rnd.int(0, 4) * HOUR)) return finish(r, view, null);
  if (rnd.chance(DEMO_RATES.withdrawn)) {
    {
      const done = act("withdraw", rnd.int(1, 16) * HOUR, {}, "Công dân xin rút hồ sơ");
      return finish(r, view, done ? t : null);
    }
  }
  const late = rnd.chance(DEMO_RATES.late);
  for (;;) {
    const h = holder(view);
    const step = h.step;
    if (!step) break;
    const budget = step.budgetMinutes * 60_000;
    const slow = late && step.kind === "appraisal";
    const delay = budget * (slow ? 1.5 + rnd.next() * 1.5 : 0.15 + rnd.next() * 0.75);
    if (step.kind === "appraisal" && rnd.chance(DEMO_RATES.supplement)) {
      if (
        !act(
          "request-supplement",
          delay / 2,
          { missingItems: ["Bản sao giấy tờ chứng minh"] },
          "Thiếu giấy tờ",
        )
      )
        break;
      r.pausedAt = t;
      const resume = rnd.int(1, 5) * 8 * HOUR;
      if (!act("resubmit", resume)) break;
      r.pausedMs += resume;
      r.pausedAt = null;
      r.dueAt = extendedBy(cal, r.dueAt, resume);
      r.stepDueAt = extendedBy(cal, r.stepDueAt, resume);
    }
    if (step.kind === "review" && rnd.chance(DEMO_RATES.payment)) {
      if (!act("request-payment", delay / 2, { amountVnd: rnd.pick([50_000, 100_000, 200_000]) })) break;
      r.pausedAt = t;
      const paid = rnd.int(2, 12) * HOUR;
      if (!act("confirm-payment", paid, { online: rnd.chance(0.6) })) break;
      r.pausedAt = null;
      r.dueAt = extendedBy(cal, r.dueAt, paid);
    }
    if (step.kind === "approval" && rnd.chance(DEMO_RATES.stopped)) {
      {
        const done = act("stop", delay, {}, "Không đủ điều kiện giải quyết");
        return finish(r, view, done ? t : null);
      }
    }
    if (
      view.status === "processing" &&
      r.dueAt &&
      after(t, delay) > r.dueAt &&
      !view.reappointed &&
      rnd.chance(DEMO_RATES.reappointWhenLate)
    ) {
      const legal = cal.workingTimeAt(r.dueAt.getTime()) - cal.workingTimeAt(receivedAt.getTime());
      const newDue = extendedBy(cal, r.dueAt, Math.max(8 * HOUR, legal / 2));
      if (
        !act(
          "reappoint",
          Math.min(delay / 2, 4 * HOUR),
          { newDueAt: newDue?.toISOString() },
          "Cần thêm thời gian xác minh",
        )
      )
        break;
      r.dueAt = newDue;
      r.late = true;
    }
    if (step.kind === "issue") {
      const kind = rnd.chance(DEMO_RATES.negativeResult) ? "negative" : "positive";
      if (!act("issue-result", delay, { kind })) break;
      r.resultKind = kind;
      r.finishedAt = t;
      continue;
    }
    if (step.kind === "return") {
      if (act("return-result", delay, { method: rnd.pick(["desk", "desk", "post", "online"]) }))
        r.returnedAt = t;
      break;
    }
    if (!act(step.kind === "approval" ? "approve" : "forward", delay)) break;
  }
  return finish(r, view, r.finishedAt);
}

function finish(r: SimResult, view: LifecycleView, finishedAt: Date | null): SimResult {
  r.view = view;
  if (!r.finishedAt && finishedAt && ["refused", "withdrawn", "stopped"].includes(view.status))
    r.finishedAt = finishedAt;
  const end = r.finishedAt;
  r.late = r.late || (r.dueAt !== null && end !== null && end > r.dueAt);
  return r;
}
