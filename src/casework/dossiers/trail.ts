import { isoDateOf } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { ProcessStep } from "../../reference/processes/process.types.ts";
import { workingBetween } from "./deadlines.ts";

/** One journal entry, as the trail needs it. */
export interface TrailAction {
  seq: number;
  type: string;
  at: Date;
  actorName: string;
  actorAgency: string;
  /** The step that holds the dossier after this action (null: the desk before the first step). */
  stepKey: string | null;
  stepDueAt: Date | null;
  holderRole: string;
  holderAgency: string;
}

export type Verdict = "early" | "on-time" | "late";

/** A stretch during which one step held the dossier. */
export interface Holding {
  stepKey: string | null;
  stepName: string;
  holder: string;
  from: Date;
  to: Date | null;
  workingMs: number;
  dueAt: Date | null;
  verdict: Verdict | null;
  /** The hand-over that ended it: who gave it on, and when (phiếu kiểm soát, mẫu 06). */
  handedOverBy: string | null;
}

export interface Trail {
  holdings: Holding[];
  /** Handed back and forth ≥3 times between the same two holders. */
  pingPong: { between: [string, string]; times: number } | null;
  /** The current holder has had it longer than the step's budget. */
  stalled: boolean;
}

/** early: handed on before the due day; on time: by the deadline; late: after it. */
export function verdictOf(cal: WorkCalendar, at: Date, due: Date | null): Verdict | null {
  if (!due) return null;
  if (at > due) return "late";
  const day = (d: Date) => isoDateOf(cal.localParts(d.getTime()).day);
  return day(at) < day(due) ? "early" : "on-time";
}

export function buildTrail(
  cal: WorkCalendar,
  steps: readonly ProcessStep[],
  actions: readonly TrailAction[],
  now: Date,
  open: boolean,
): Trail {
  const name = (key: string | null) => steps.find((s) => s.key === key)?.name ?? "Bộ phận Một cửa tiếp nhận";
  const holdings: Holding[] = [];
  for (const a of actions) {
    const holder = `${a.holderAgency}/${a.holderRole}`;
    const last = holdings.at(-1);
    // Claims and assignments within a step do not hand the dossier on.
    if (last && last.stepKey === a.stepKey && last.holder === holder && a.type !== "send-back") continue;
    if (last) close(cal, last, a.at, a.actorName);
    holdings.push({
      stepKey: a.stepKey,
      stepName: name(a.stepKey),
      holder,
      from: a.at,
      to: null,
      workingMs: 0,
      dueAt: a.stepDueAt,
      verdict: null,
      handedOverBy: null,
    });
  }
  const current = holdings.at(-1);
  if (current) current.workingMs = workingBetween(cal, current.from, current.to ?? now);
  const budget = steps.find((s) => s.key === current?.stepKey)?.budgetMinutes ?? 0;
  return {
    holdings,
    pingPong: pingPong(holdings.map((h) => h.holder)),
    stalled:
      open &&
      current !== undefined &&
      current.to === null &&
      budget > 0 &&
      current.workingMs > budget * 60_000,
  };
}

function close(cal: WorkCalendar, h: Holding, at: Date, by: string): void {
  h.to = at;
  h.workingMs = workingBetween(cal, h.from, at);
  h.verdict = verdictOf(cal, at, h.dueAt);
  h.handedOverBy = by;
}

function pingPong(holders: readonly string[]): Trail["pingPong"] {
  const counts = new Map<string, number>();
  for (let i = 1; i < holders.length; i++) {
    const a = holders[i - 1] ?? "";
    const b = holders[i] ?? "";
    if (a === b) continue;
    const key = [a, b].sort().join("|");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let worst: Trail["pingPong"] = null;
  for (const [key, times] of counts) {
    const [a = "", b = ""] = key.split("|");
    // Forward once, back, forward again: three hand-overs between the same two.
    if (times >= 3 && (!worst || times > worst.times)) worst = { between: [a, b], times };
  }
  return worst;
}
