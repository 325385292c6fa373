import { vnDay } from "../../reference/calendar/local-time.ts";
import type { DossierStatus } from "../dossiers/dossier-status.ts";
import { classifyOnline, type HonestOnlineRule, type OnlineVerdict } from "./honest-online.ts";
import { addInto, emptyVector, type MeasureVector } from "./measures.ts";

/** What the KPIs read of a dossier (its projection row plus its payments). */
export interface FactInput {
  procedureCode: string;
  channel: 1 | 2 | 3;
  status: DossierStatus;
  receivingAgency: string;
  handlingAgency: string;
  receivedAt: Date;
  firstDueAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  reappointed: boolean;
  late: boolean;
  submission: {
    by: "applicant" | "authorised-person" | "official";
    vneidVerified: boolean;
    agencyNetwork: boolean;
  };
  components: readonly { digitised?: boolean; reused?: boolean; fromNationalStore?: boolean }[];
  resultKind: string | null;
  signingState: string;
  syncState: string;
  identityCheck: string;
  hasFee: boolean;
  paidOnline: boolean;
  /** The applicant rated it "không hài lòng", or someone filed a PAKN about it. */
  disliked: boolean;
}

/** A dossier's KPI facts: what it contributes to the aggregates, kept so a change can be undone. */
export interface DossierFacts {
  procedure: string;
  channel: 1 | 2 | 3;
  receiving: string;
  handling: string;
  receivedDay: string;
  /** Tiếp nhận: an appointment ran (refused or unchecked online filings are not received). */
  accepted: boolean;
  withdrawn: boolean;
  finishedDay: string | null;
  onTime: boolean;
  minutes: number;
  /** The deadline the KPIs hold it to: the first one when it was re-appointed (still late). */
  dueDay: string | null;
  dueClearedDay: string | null;
  online: OnlineVerdict["reason"];
  flags: {
    synced: boolean;
    onlineEResult: boolean;
    fee: boolean;
    paidOnline: boolean;
    digitised: boolean;
    reused: boolean;
    population: boolean;
    resultDoc: boolean;
    resultE: boolean;
    disliked: boolean;
  };
}

export function factsOf(d: FactInput, rule: HonestOnlineRule): DossierFacts {
  const finished = d.finishedAt;
  const kpiDue = d.reappointed && d.firstDueAt ? d.firstDueAt : d.dueAt;
  const onTime = finished !== null && !d.late && !d.reappointed && (d.dueAt === null || finished <= d.dueAt);
  const resultDoc = finished !== null && d.resultKind === "positive";
  const electronic = (c: FactInput["components"][number]) => c.digitised || c.reused || c.fromNationalStore;
  return {
    procedure: d.procedureCode,
    channel: d.channel,
    receiving: d.receivingAgency,
    handling: d.handlingAgency,
    receivedDay: vnDay(d.receivedAt),
    accepted: d.firstDueAt !== null,
    withdrawn: d.status === "withdrawn",
    finishedDay: finished ? vnDay(finished) : null,
    onTime,
    minutes: finished ? Math.max(0, Math.round((finished.getTime() - d.receivedAt.getTime()) / 60_000)) : 0,
    dueDay: kpiDue ? vnDay(kpiDue) : null,
    dueClearedDay:
      kpiDue && finished ? vnDay(new Date(Math.max(kpiDue.getTime(), finished.getTime()))) : null,
    online: classifyOnline(d, rule).reason,
    flags: {
      synced: d.syncState === "synced",
      onlineEResult: d.channel === 2 && resultDoc && d.signingState === "signed",
      fee: d.hasFee,
      paidOnline: d.paidOnline,
      // Filed online, or every component held electronically (scanned, reused, national store).
      digitised: d.channel === 2 || (d.components.length > 0 && d.components.every(electronic)),
      reused: d.components.some((c) => c.reused || c.fromNationalStore),
      population: d.identityCheck === "verified",
      resultDoc,
      resultE: resultDoc && d.signingState === "signed",
      disliked: d.disliked,
    },
  };
}

/** A PAKN's facts: counted at the agency that must answer it (chỉ số 5.2). */
export interface FeedbackFacts {
  agency: string;
  procedure: string;
  receivedDay: string;
  dueDay: string | null;
  finishedDay: string | null;
  onTime: boolean;
}

export function feedbackFacts(f: {
  agency: string;
  procedure: string | null;
  receivedAt: Date;
  dueAt: Date | null;
  answeredAt: Date | null;
}): FeedbackFacts {
  return {
    agency: f.agency,
    procedure: f.procedure ?? "",
    receivedDay: vnDay(f.receivedAt),
    dueDay: f.dueAt ? vnDay(f.dueAt) : null,
    finishedDay: f.answeredAt ? vnDay(f.answeredAt) : null,
    onTime: f.answeredAt !== null && (f.dueAt === null || f.answeredAt <= f.dueAt),
  };
}

/** Feedback cells sit on channel 0, so they never mix with a dossier channel's counts. */
export function feedbackContributions(f: FeedbackFacts | null): Contribution[] {
  if (!f) return [];
  const at = (day: string, values: Partial<MeasureVector>): Contribution => ({
    day,
    agency: f.agency,
    procedure: f.procedure,
    channel: 0,
    values,
  });
  const out = [at(f.receivedDay, { f_received: 1 })];
  if (f.finishedDay) out.push(at(f.finishedDay, { f_finished: 1, f_on_time: f.onTime ? 1 : 0 }));
  if (f.dueDay) out.push(at(f.dueDay, { f_due: 1 }));
  if (f.dueDay && f.finishedDay) {
    // biome-ignore lint/complexity/useMathMinMax: ISO day strings, not numbers.
    out.push(at(f.dueDay > f.finishedDay ? f.dueDay : f.finishedDay, { f_due_cleared: 1 }));
  }
  return out;
}

/** One cell of the finest aggregate: day × agency × procedure × channel. */
export interface Contribution {
  day: string;
  agency: string;
  procedure: string;
  channel: number;
  values: Partial<MeasureVector>;
}

const one = (b: boolean) => (b ? 1 : 0);

export function contributions(f: DossierFacts | null): Contribution[] {
  if (!f?.accepted) return [];
  const at = (day: string, agency: string, values: Partial<MeasureVector>): Contribution => ({
    day,
    agency,
    procedure: f.procedure,
    channel: f.channel,
    values,
  });
  const g = f.flags;
  const online = f.online !== "not-online";
  const out = [
    at(f.receivedDay, f.receiving, {
      r_total: 1,
      r_withdrawn: one(f.withdrawn),
      r_synced: one(g.synced),
      r_online: one(online),
      r_online_applicant: one(f.online === "applicant"),
      r_online_eresult: one(g.onlineEResult),
      r_fee: one(g.fee),
      r_paid_online: one(g.fee && g.paidOnline),
      r_digitised: one(g.digitised),
      r_reused: one(g.reused),
      r_population: one(g.population),
    }),
  ];
  // Hồ sơ rút không tính vào tiến độ giải quyết.
  if (f.withdrawn) return out;
  out.push(at(f.receivedDay, f.handling, { p_start: 1 }));
  if (f.finishedDay) {
    out.push(
      at(f.finishedDay, f.handling, {
        p_finished: 1,
        p_on_time: one(f.onTime),
        p_minutes: f.minutes,
        p_result_doc: one(g.resultDoc),
        p_result_e: one(g.resultE),
        p_disliked: one(g.disliked),
      }),
    );
  }
  if (f.dueDay) out.push(at(f.dueDay, f.handling, { p_due: 1 }));
  if (f.dueClearedDay) out.push(at(f.dueClearedDay, f.handling, { p_due_cleared: 1 }));
  return out;
}

export const cellKey = (c: Pick<Contribution, "day" | "agency" | "procedure" | "channel">) =>
  `${c.day}|${c.agency}|${c.procedure}|${c.channel}`;

/** Adds contributions into a map of cells, with a sign (−1 takes back an earlier state). */
export function accumulate(
  into: Map<string, Contribution & { values: MeasureVector }>,
  cs: Contribution[],
  sign = 1,
) {
  for (const c of cs) {
    const k = cellKey(c);
    let cell = into.get(k);
    if (!cell) {
      cell = { ...c, values: emptyVector() };
      into.set(k, cell);
    }
    addInto(cell.values, c.values, sign);
  }
  return into;
}

/** The change to apply when a dossier's facts move from `before` to `after`: non-zero cells only. */
export function factsDelta(before: DossierFacts | null, after: DossierFacts | null) {
  return delta(contributions(after), contributions(before));
}

export function feedbackDelta(before: FeedbackFacts | null, after: FeedbackFacts | null) {
  return delta(feedbackContributions(after), feedbackContributions(before));
}

function delta(after: Contribution[], before: Contribution[]) {
  const cells = accumulate(accumulate(new Map(), after), before, -1);
  return [...cells.values()].filter((c) => Object.values(c.values).some((v) => v !== 0));
}
