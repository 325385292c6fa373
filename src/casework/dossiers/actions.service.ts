import type { Selectable, Updateable } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { DossierTable } from "../../kernel/db/schema.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import { agencyErrors } from "../../reference/agencies/agency.errors.ts";
import { parseInstant } from "../../reference/calendar/duration.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { ProcessDefinition } from "../../reference/processes/process.types.ts";
import { processVersion } from "../../reference/processes/processes.service.ts";
import { digitiseComponent } from "../documents/digitise.service.ts";
import { verifyErrors } from "../documents/documents.errors.ts";
import { type DocumentContext, issueElectronicResult, resultErrors } from "../documents/results.service.ts";
import { dueFrom, extendedBy, stepDue, workingBetween } from "./deadlines.ts";
import { actionErrors, dossierErrors } from "./dossier.errors.ts";
import type { DossierDeployment as Deployment } from "./dossier.settings.ts";
import type { ActionRequest } from "./dossier.types.ts";
import { appendAction, checkAction } from "./journal.repository.ts";
import { type Actor, holder, type LifecycleView } from "./lifecycle.ts";

export interface ActionContext {
  db: Db;
  deployment: Deployment;
  calendar: WorkCalendar;
  now: Date;
  /** File store and signing keys, for electronic results and digitisation. */
  documents?: DocumentContext | null;
}

type Row = Selectable<DossierTable>;

/** Takes one action on a dossier: the rules decide, the journal appends it with the projection. */
export async function takeAction(
  ctx: ActionContext,
  code: string,
  actor: Actor,
  req: ActionRequest,
): Promise<Result<{ seq: number; status: string; dvcqgStatus: number }, AppError>> {
  const { db } = ctx;
  return inTransaction(db, async (tx) => {
    const d = (await tx
      .selectFrom("dossier")
      .selectAll()
      .where("code", "=", code)
      .forUpdate()
      .executeTakeFirst()) as Row | undefined;
    if (!d) return err(dossierErrors.notFound(code));
    const process = await processVersion(tx, d.procedure_code, d.process_version);
    const action = checkAction(d, process.steps, req.type, actor);
    if (!action.ok) return err(action.error);
    const extra: Record<string, unknown> = {};
    const changes = await effects({ ...ctx, db: tx }, d, process, action.value.next, actor, req, extra);
    if (!changes.ok) return err(changes.error);
    const { type: _, note, ...payload } = req;
    return ok(
      await appendAction(tx, action.value, ctx, {
        note,
        payload: { ...payload, ...extra },
        set: changes.value,
      }),
    );
  });
}

/** What each action changes beyond status and step: clock, result, delivery, sub-cases. */
async function effects(
  ctx: ActionContext,
  d: Row,
  process: ProcessDefinition,
  next: LifecycleView,
  actor: Actor,
  req: ActionRequest,
  /** Facts the action produced, recorded in its journal entry (e.g. the result's number). */
  extra: Record<string, unknown>,
): Promise<Result<Updateable<DossierTable>, AppError>> {
  const { db, calendar: cal, now } = ctx;
  const late = (due: Date | null) => d.late || (due !== null && now > due);
  switch (req.type) {
    case "accept": {
      const due = dueFrom(cal, now, process.duration);
      return ok({ due_at: due, first_due_at: due });
    }
    case "refuse":
    case "withdraw":
    case "stop":
      return ok({ finished_at: now, paused_at: null });
    case "request-supplement":
    case "request-payment":
      return ok({ paused_at: now });
    case "resubmit":
    case "confirm-payment": {
      const paused = d.paused_at ? workingBetween(cal, d.paused_at, now) : 0;
      if (req.type === "resubmit" && process.pauseRule === "restart") {
        const due = dueFrom(cal, now, process.duration);
        return ok({
          paused_at: null,
          due_at: due,
          step_due_at: stepDue(cal, now, holder(next).step?.budgetMinutes ?? 0),
        });
      }
      return ok({
        paused_at: null,
        paused_working_ms: Number(d.paused_working_ms) + paused,
        due_at: extendedBy(cal, d.due_at, paused),
        step_due_at: extendedBy(cal, d.step_due_at, paused),
      });
    }
    case "issue-result": {
      const issued = { finished_at: now, result_kind: req.kind, late: late(d.due_at) };
      // Status 9 needs a signed electronic result, or an explicit paper result with its reason.
      if (req.paperReason)
        return ok({ ...issued, signing_state: "paper", paper_result_reason: req.paperReason });
      if (!ctx.documents) return err(resultErrors.noCertificate(d.handling_agency));
      const r = await issueElectronicResult(db, ctx.documents, d, {
        ...(req.resultCodes[0] ? { resultCode: req.resultCodes[0] } : {}),
        ...(req.content ? { content: req.content } : {}),
        kind: req.kind,
        actorId: actor.id,
        now,
      });
      if (!r.ok) return err(r.error);
      Object.assign(extra, r.value);
      return ok({ ...issued, signing_state: "signed" });
    }
    case "return-result":
      return ok({ returned_at: now, delivery_state: `delivered-${req.method}` });
    case "reappoint": {
      const when = parseInstant(req.newDueAt);
      if (!when.ok) return err(when.error);
      if (d.due_at && when.value <= d.due_at) return err(actionErrors.reappointEarlier());
      // A re-appointed dossier stays late in the statistics (form 04 is an apology).
      return ok({ due_at: when.value, reappointed: true, late: true });
    }
    case "assign": {
      const step = holder(next);
      const o = await db
        .selectFrom("official")
        .select(["agency_code", "roles"])
        .where("id", "=", req.officialId)
        .executeTakeFirst();
      if (!o || o.agency_code !== step.agencyCode || !o.roles.includes(step.role)) {
        return err(actionErrors.badAssignee(step.role, step.agencyCode));
      }
      return ok({ assignee_id: req.officialId });
    }
    case "claim":
      return ok({ assignee_id: actor.id });
    case "digitise": {
      if (!ctx.documents) {
        return err(verifyErrors.noFileStore());
      }
      const r = await digitiseComponent(db, ctx.documents.files, d, req, actor.id);
      return r.ok ? ok({ components: JSON.stringify(r.value) }) : err(r.error);
    }
    case "open-subcase": {
      const agency = await db
        .selectFrom("agency")
        .select("code")
        .where("code", "=", req.agencyCode)
        .executeTakeFirst();
      if (!agency) return err(agencyErrors.notFound(req.agencyCode));
      await db
        .insertInto("dossier_subcase")
        .values({
          dossier_id: d.id,
          agency_code: req.agencyCode,
          opened_at: now,
          due_at: stepDue(cal, now, req.budgetMinutes),
          note: req.note,
        })
        .execute();
      return ok({ open_subcases: d.open_subcases + 1 });
    }
    case "close-subcase": {
      const closed = await db
        .updateTable("dossier_subcase")
        .set({ closed_at: now, result_note: req.note })
        .where("id", "=", req.subcaseId)
        .where("dossier_id", "=", d.id)
        .where("closed_at", "is", null)
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) === 0) return err(actionErrors.noOpenSubcase(req.subcaseId));
      return ok({ open_subcases: d.open_subcases - 1 });
    }
    default:
      return ok({});
  }
}
