import { randomInt } from "node:crypto";
import { sql } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import type { DeploymentBase } from "../../reference/agencies/deployment.types.ts";
import { isoDateOf } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { jurisdictionOf } from "../auth/jurisdiction.service.ts";
import { dueFrom } from "../dossiers/deadlines.ts";
import { dossierErrors } from "../dossiers/dossier.errors.ts";
import { pinHash } from "../dossiers/reception.service.ts";
import { refreshFeedbackKpi, refreshKpi } from "../kpi-facts/facts.repository.ts";
import { feedbackErrors, feedbackRuleErrors } from "./feedback.errors.ts";
import type { FeedbackSettings } from "./feedback.settings.ts";
import {
  FEEDBACK_STATUS_VI,
  type FeedbackAction,
  type FeedbackStatus,
  type FeedbackSubmission,
} from "./feedback.types.ts";
import { decideFeedback, type FeedbackActor } from "./feedback-rules.ts";

export interface FeedbackContext {
  db: Db;
  deployment: DeploymentBase & FeedbackSettings;
  calendar: WorkCalendar;
  now: Date;
}

/** Working days to answer, by kind [S]: configurable per deployment, 10 by default. */
const dueDays = (d: FeedbackSettings, kind: FeedbackSubmission["kind"]) => d.feedback.dueWorkingDays[kind];

/**
 * Tiếp nhận PAKN: routed to the agency that must answer (the dossier's handling agency, the named
 * agency, or the province's service centre for a procedure), with its deadline in working days.
 */
export async function submitFeedback(
  ctx: FeedbackContext,
  f: FeedbackSubmission,
  citizen: { idNumber: string; name: string } | null,
): Promise<Result<{ code: string; pin: string; agencyCode: string; dueAt: Date | null }, AppError>> {
  const { db, now } = ctx;
  let dossierId: string | null = null;
  let agencyCode: string | undefined;
  if (f.subject === "dossier") {
    const d = await db
      .selectFrom("dossier")
      .select(["id", "handling_agency", "pin_hash", "code", "procedure_code"])
      .where("code", "=", f.dossierCode ?? "")
      .executeTakeFirst();
    // Only someone holding the dossier's PIN speaks about it: no one files against a stranger's case.
    if (!d || d.pin_hash !== pinHash(d.code, f.dossierPin ?? "")) return err(dossierErrors.badPin());
    dossierId = d.id;
    agencyCode = d.handling_agency;
  } else if (f.subject === "agency") {
    const a = await db
      .selectFrom("agency")
      .select("code")
      .where("code", "=", f.agencyCode ?? "")
      .executeTakeFirst();
    if (!a) return err(feedbackErrors.unknownTarget("cơ quan"));
    agencyCode = a.code;
  } else {
    const p = await db
      .selectFrom("procedure")
      .select("code")
      .where("code", "=", f.procedureCode ?? "")
      .executeTakeFirst();
    if (!p) return err(feedbackErrors.unknownTarget("thủ tục"));
    agencyCode =
      ctx.deployment.agencies.find((a) => a.kind === "service-centre")?.code ??
      ctx.deployment.agencies[0]?.code;
  }
  const dueAt = dueFrom(ctx.calendar, now, {
    kind: "working",
    minutes: dueDays(ctx.deployment, f.kind) * 480,
  });
  const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const day = isoDateOf(ctx.calendar.localParts(now.getTime()).day);
  return inTransaction(db, async (tx) => {
    const n = await sql<{ last: number }>`
      INSERT INTO dossier_code_counter (agency_code, day, last) VALUES ('PAKN', ${day}::date, 1)
      ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_code_counter.last + 1 RETURNING last`.execute(
      tx,
    );
    const code = `PAKN-${day.slice(2).replaceAll("-", "")}-${String(n.rows[0]?.last ?? 1).padStart(4, "0")}`;
    const row = await tx
      .insertInto("feedback")
      .values({
        code,
        pin_hash: pinHash(code, pin),
        kind: f.kind,
        subject: f.subject,
        dossier_id: dossierId,
        procedure_code: f.procedureCode ?? null,
        agency_code: agencyCode as string,
        title: f.title,
        content: f.content,
        submitter_name: f.anonymous ? "" : f.name,
        submitter_contact: f.anonymous ? "" : f.contact,
        // Only a VNeID-verified submitter is tracked to a person, and never when they ask not to be.
        submitter_id: citizen && !f.anonymous ? citizen.idNumber : null,
        status: "received",
        received_at: now,
        due_at: dueAt,
        last_seq: 1,
        kpi_facts: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await journal(tx, row.id, 1, {
      type: "submit",
      actorId: null,
      at: now,
      note: "",
      from: null,
      to: "received",
    });
    await refreshFeedbackKpi(tx, row.id);
    // A PAKN about a dossier counts against it in indicator 5.4.
    if (dossierId) await refreshKpi(tx, [dossierId]);
    return ok({ code, pin, agencyCode: agencyCode as string, dueAt });
  });
}

async function journal(
  tx: Db,
  id: string,
  seq: number,
  e: {
    type: string;
    actorId: number | null;
    at: Date;
    note: string;
    from: FeedbackStatus | null;
    to: FeedbackStatus;
  },
) {
  await tx
    .insertInto("feedback_action")
    .values({
      feedback_id: id,
      seq,
      type: e.type,
      actor_id: e.actorId,
      at: e.at,
      note: e.note,
      from_status: e.from,
      to_status: e.to,
    })
    .execute();
}

/** One step on a PAKN, by an official of the responsible agency or by the submitter with the PIN. */
export async function actOnFeedback(
  ctx: FeedbackContext,
  code: string,
  actor: FeedbackActor & { id: number | null; pin?: string },
  action: FeedbackAction,
): Promise<Result<{ status: FeedbackStatus }, AppError>> {
  const { now } = ctx;
  return inTransaction(ctx.db, async (tx) => {
    const f = await tx
      .selectFrom("feedback")
      .selectAll()
      .where("code", "=", code)
      .forUpdate()
      .executeTakeFirst();
    if (!f || (actor.kind === "submitter" && f.pin_hash !== pinHash(code, actor.pin ?? ""))) {
      return err(feedbackErrors.notFound(code));
    }
    const to = decideFeedback({ status: f.status, agencyCode: f.agency_code }, action.type, actor);
    if (!to.ok) return err(to.error);
    const set: Record<string, unknown> = { status: to.value, last_seq: f.last_seq + 1 };
    if (action.type === "assign") {
      const o = await tx
        .selectFrom("official")
        .select("agency_code")
        .where("id", "=", action.officialId)
        .executeTakeFirst();
      if (!o || o.agency_code !== f.agency_code) {
        return err(feedbackRuleErrors.badAssignee());
      }
      set.assignee_id = action.officialId;
    }
    if (action.type === "answer")
      Object.assign(set, { answer: action.answer, answered_at: now, publish: action.publish });
    if (action.type === "close") set.closed_at = now;
    if (action.type === "reopen") {
      // Not settled: answered again within a new deadline; the first answer stays in the journal.
      Object.assign(set, {
        answered_at: null,
        closed_at: null,
        due_at: dueFrom(ctx.calendar, now, {
          kind: "working",
          minutes: dueDays(ctx.deployment, f.kind) * 480,
        }),
      });
    }
    await tx.updateTable("feedback").set(set).where("id", "=", f.id).execute();
    const note = action.type === "answer" ? action.answer : action.note;
    await journal(tx, f.id, f.last_seq + 1, {
      type: action.type,
      actorId: actor.id,
      at: now,
      note,
      from: f.status,
      to: to.value,
    });
    await refreshFeedbackKpi(tx, f.id);
    return ok({ status: to.value });
  });
}

const view = (f: {
  code: string;
  kind: string;
  subject: string;
  title: string;
  content: string;
  status: FeedbackStatus;
  agency_code: string;
  agency_name: string;
  received_at: Date;
  due_at: Date | null;
  answer: string;
  answered_at: Date | null;
  publish: boolean;
}) => ({
  code: f.code,
  kind: f.kind,
  subject: f.subject,
  title: f.title,
  content: f.content,
  status: f.status,
  statusLabel: FEEDBACK_STATUS_VI[f.status],
  agencyCode: f.agency_code,
  agencyName: f.agency_name,
  receivedAt: f.received_at.toISOString(),
  dueAt: f.due_at?.toISOString() ?? null,
  answer: f.answer,
  answeredAt: f.answered_at?.toISOString() ?? null,
  published: f.publish,
});

const base = (db: Db) =>
  db
    .selectFrom("feedback as f")
    .innerJoin("agency as a", "a.code", "f.agency_code")
    .select([
      "f.id",
      "f.code",
      "f.kind",
      "f.subject",
      "f.title",
      "f.content",
      "f.status",
      "f.agency_code",
      "a.name as agency_name",
      "f.received_at",
      "f.due_at",
      "f.answer",
      "f.answered_at",
      "f.publish",
      "f.pin_hash",
      "f.submitter_name",
      "f.submitter_contact",
    ]);

/** The submitter's view, by code and PIN. */
export async function trackFeedback(db: Db, code: string, pin: string) {
  const f = await base(db).where("f.code", "=", code).executeTakeFirst();
  if (!f || f.pin_hash !== pinHash(code, pin)) return err(feedbackErrors.notFound(code));
  return ok(view(f));
}

/** Answers the agencies chose to publish: the question's title and the answer, no submitter. */
export async function publishedAnswers(db: Db, limit: number) {
  const rows = await base(db)
    .where("f.publish", "=", true)
    .where("f.answered_at", "is not", null)
    .orderBy("f.answered_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((f) => ({ ...view(f), content: "" }));
}

/** PAKN within the reader's jurisdiction (jurisdiction.ts), oldest deadline first. */
export async function feedbackInbox(
  db: Db,
  actor: { agencyCode: string; roles: readonly Role[] },
  q: { status?: FeedbackStatus; limit: number },
  now: Date,
) {
  const seen = await jurisdictionOf(db, actor);
  const rows = await base(db)
    .$if(seen !== "province", (b) => b.where("f.agency_code", "in", [...seen, "-"]))
    .$if(q.status !== undefined, (b) => b.where("f.status", "=", q.status as FeedbackStatus))
    .orderBy(sql`f.due_at NULLS LAST`)
    .orderBy("f.id")
    .limit(q.limit)
    .execute();
  return rows.map((f) => ({
    ...view(f),
    submitterName: f.submitter_name,
    submitterContact: f.submitter_contact,
    overdue: f.due_at !== null && f.answered_at === null && f.due_at < now,
  }));
}
