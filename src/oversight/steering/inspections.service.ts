import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import { agencyLine } from "../../reference/agencies/agencies.service.ts";
import { vnDay } from "../../reference/calendar/local-time.ts";
import { steeringErrors } from "./steering.errors.ts";
import {
  type Actor,
  appendEvent,
  createWithJournal,
  journalOf,
  type SteeringCtx,
} from "./steering.repository.ts";
import type {
  FindingAction,
  FindingInput,
  FindingStatus,
  InspectionAction,
  InspectionInput,
  InspectionStatus,
} from "./steering.types.ts";
import { decideFinding, decideInspection, FINDING_WHILE, mayAct, standing } from "./steering-rules.ts";

/** Plans an inspection (kế hoạch kiểm tra CCHC): by administrators or leaders over the inspecting agency. */
export async function planInspection(
  ctx: SteeringCtx,
  actor: Actor,
  input: InspectionInput,
): Promise<Result<{ id: string }, AppError>> {
  const [target, inspector] = await Promise.all([
    agencyLine(ctx.db, input.targetAgency),
    agencyLine(ctx.db, input.inspectorAgency),
  ]);
  if (!target.length) return err(steeringErrors.noAgency(input.targetAgency));
  if (!inspector.length) return err(steeringErrors.noAgency(input.inspectorAgency));
  if (!mayAct(actor, "manage", inspector)) return err(steeringErrors.forbidden("manage"));
  const id = await createWithJournal(
    ctx.db,
    "inspection",
    (tx) =>
      tx
        .insertInto("inspection")
        .values({
          title: input.title,
          target_agency: input.targetAgency,
          inspector_agency: input.inspectorAgency,
          lead_name: input.leadName,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          status: "planned",
          created_at: ctx.now,
          last_seq: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    {
      type: "plan",
      actorId: actor.id,
      at: ctx.now,
      payload: { targetAgency: input.targetAgency, startsOn: input.startsOn, endsOn: input.endsOn },
    },
  );
  return ok({ id });
}

/** Start, conclude (with the conclusion) or cancel an inspection. */
export async function actOnInspection(
  ctx: SteeringCtx,
  id: string,
  actor: Actor,
  action: InspectionAction,
): Promise<Result<{ status: InspectionStatus }, AppError>> {
  return inTransaction(ctx.db, async (tx) => {
    const i = await tx
      .selectFrom("inspection")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!i) return err(steeringErrors.notFound("đợt kiểm tra"));
    const decided = decideInspection(i.status, action.type, actor, await agencyLine(tx, i.inspector_agency));
    if (!decided.ok) return decided;
    const seq = i.last_seq + 1;
    await tx
      .updateTable("inspection")
      .set({
        status: decided.value,
        last_seq: seq,
        ...(action.type === "complete" ? { conclusion: action.conclusion } : {}),
      })
      .where("id", "=", id)
      .execute();
    const note = action.type === "complete" ? action.conclusion : action.note;
    await appendEvent(tx, "inspection", id, seq, { type: action.type, actorId: actor.id, at: ctx.now, note });
    return ok({ status: decided.value });
  });
}

/** Records a finding (tồn tại, hạn chế) with the agency that must remedy it and by when. */
export async function recordFinding(
  ctx: SteeringCtx,
  inspectionId: string,
  actor: Actor,
  input: FindingInput,
): Promise<Result<{ id: string }, AppError>> {
  const owner = await agencyLine(ctx.db, input.ownerAgency);
  if (!owner.length) return err(steeringErrors.noAgency(input.ownerAgency));
  if (input.dossierCode) {
    const d = await ctx.db
      .selectFrom("dossier")
      .select("id")
      .where("code", "=", input.dossierCode)
      .executeTakeFirst();
    if (!d) return err(steeringErrors.noDossier(input.dossierCode));
  }
  if (input.procedureCode) {
    const p = await ctx.db
      .selectFrom("procedure")
      .select("code")
      .where("code", "=", input.procedureCode)
      .executeTakeFirst();
    if (!p) return err(steeringErrors.noProcedure(input.procedureCode));
  }
  return inTransaction(ctx.db, async (tx) => {
    const i = await tx
      .selectFrom("inspection")
      .selectAll()
      .where("id", "=", inspectionId)
      .forUpdate()
      .executeTakeFirst();
    if (!i) return err(steeringErrors.notFound("đợt kiểm tra"));
    if (!FINDING_WHILE.includes(i.status)) {
      return err(steeringErrors.notAllowed("chưa bắt đầu hoặc đã hủy", i.status));
    }
    if (!mayAct(actor, "manage", await agencyLine(tx, i.inspector_agency))) {
      return err(steeringErrors.forbidden("manage"));
    }
    const row = await tx
      .insertInto("inspection_finding")
      .values({
        inspection_id: inspectionId,
        description: input.description,
        owner_agency: input.ownerAgency,
        remedy_due_on: input.remedyDueOn,
        dossier_code: input.dossierCode ?? null,
        procedure_code: input.procedureCode ?? null,
        status: "open",
        created_at: ctx.now,
        last_seq: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(tx, "finding", row.id, 1, {
      type: "record",
      actorId: actor.id,
      at: ctx.now,
      note: input.description,
      payload: { ownerAgency: input.ownerAgency, remedyDueOn: input.remedyDueOn },
    });
    return ok({ id: row.id });
  });
}

/** The owner reports the remedy; the inspecting agency closes it, sends it back, or extends it. */
export async function actOnFinding(
  ctx: SteeringCtx,
  id: string,
  actor: Actor,
  action: FindingAction,
): Promise<Result<{ status: FindingStatus }, AppError>> {
  return inTransaction(ctx.db, async (tx) => {
    const f = await tx
      .selectFrom("inspection_finding as f")
      .innerJoin("inspection as i", "i.id", "f.inspection_id")
      .selectAll("f")
      .select("i.inspector_agency")
      .where("f.id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!f) return err(steeringErrors.notFound("kiến nghị khắc phục"));
    const [owner, inspector] = await Promise.all([
      agencyLine(tx, f.owner_agency),
      agencyLine(tx, f.inspector_agency),
    ]);
    const decided = decideFinding(f.status, action.type, actor, { owner, inspector });
    if (!decided.ok) return decided;
    const seq = f.last_seq + 1;
    await tx
      .updateTable("inspection_finding")
      .set({
        status: decided.value,
        last_seq: seq,
        ...(action.type === "report-remedy" ? { remedy: action.remedy, remedied_at: ctx.now } : {}),
        ...(action.type === "close" ? { closed_at: ctx.now } : {}),
        ...(action.type === "reject" ? { remedied_at: null } : {}),
        ...(action.type === "extend" ? { remedy_due_on: action.remedyDueOn } : {}),
      })
      .where("id", "=", id)
      .execute();
    const note = action.type === "report-remedy" ? action.remedy : action.note;
    const payload = action.type === "extend" ? { remedyDueOn: action.remedyDueOn } : {};
    await appendEvent(tx, "finding", id, seq, {
      type: action.type,
      actorId: actor.id,
      at: ctx.now,
      note,
      payload,
    });
    return ok({ status: decided.value });
  });
}

const findingQuery = (db: Db) =>
  db
    .selectFrom("inspection_finding as f")
    .innerJoin("agency as a", "a.code", "f.owner_agency")
    .selectAll("f")
    .select("a.name as owner_name");

type FindingRow = Awaited<ReturnType<ReturnType<typeof findingQuery>["executeTakeFirstOrThrow"]>>;
const findingView = (f: FindingRow, today: string) => ({
  id: f.id,
  inspectionId: f.inspection_id,
  description: f.description,
  ownerAgency: f.owner_agency,
  ownerName: f.owner_name,
  remedyDueOn: f.remedy_due_on,
  dossierCode: f.dossier_code,
  procedureCode: f.procedure_code,
  status: f.status,
  remedy: f.remedy,
  remediedAt: f.remedied_at?.toISOString() ?? null,
  closedAt: f.closed_at?.toISOString() ?? null,
  ...standing(f.status === "open", f.remedy_due_on, today),
});

/** Inspections, latest first, each with its findings. */
export async function listInspections(
  db: Db,
  q: { scope: string[] | null; status?: InspectionStatus },
  now: Date,
) {
  const today = vnDay(now);
  const rows = await db
    .selectFrom("inspection as i")
    .innerJoin("agency as t", "t.code", "i.target_agency")
    .innerJoin("agency as g", "g.code", "i.inspector_agency")
    .selectAll("i")
    .select(["t.name as target_name", "g.name as inspector_name"])
    .$if(q.scope !== null, (b) =>
      b.where((w) =>
        w.or([
          w("i.target_agency", "in", q.scope as string[]),
          w("i.inspector_agency", "in", q.scope as string[]),
        ]),
      ),
    )
    .$if(q.status !== undefined, (b) => b.where("i.status", "=", q.status as InspectionStatus))
    .orderBy("i.starts_on", "desc")
    .orderBy("i.id", "desc")
    .limit(500)
    .execute();
  const findings = rows.length
    ? await findingQuery(db)
        .where(
          "f.inspection_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("f.id")
        .execute()
    : [];
  return rows.map((i) => ({
    id: i.id,
    title: i.title,
    targetAgency: i.target_agency,
    targetName: i.target_name,
    inspectorAgency: i.inspector_agency,
    inspectorName: i.inspector_name,
    leadName: i.lead_name,
    startsOn: i.starts_on,
    endsOn: i.ends_on,
    status: i.status,
    conclusion: i.conclusion,
    findings: findings.filter((f) => f.inspection_id === i.id).map((f) => findingView(f, today)),
  }));
}

/** Findings across inspections (an owner's list, or the overdue ones). */
export async function listFindings(
  db: Db,
  q: { scope: string[] | null; status?: FindingStatus; ownerAgency?: string; overdue?: boolean },
  now: Date,
) {
  const today = vnDay(now);
  const rows = await findingQuery(db)
    .$if(q.scope !== null, (b) => b.where("f.owner_agency", "in", q.scope as string[]))
    .$if(q.status !== undefined, (b) => b.where("f.status", "=", q.status as FindingStatus))
    .$if(q.ownerAgency !== undefined, (b) => b.where("f.owner_agency", "=", q.ownerAgency as string))
    .$if(q.overdue === true, (b) => b.where("f.status", "=", "open").where("f.remedy_due_on", "<", today))
    .orderBy("f.remedy_due_on")
    .orderBy("f.id")
    .limit(1000)
    .execute();
  return rows.map((f) => findingView(f, today));
}

export async function findingJournal(db: Db, id: string) {
  return journalOf(db, "finding", id);
}
