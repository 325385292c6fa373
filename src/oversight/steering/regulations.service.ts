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
import type { RegulationAction, RegulationInput, RegulationStatus } from "./steering.types.ts";
import { decideRegulation, issuedLate, mayAct, standing } from "./steering-rules.ts";

/** Registers a detailing regulation owed (by the committee: administrators or leaders above the agency). */
export async function registerRegulation(
  ctx: SteeringCtx,
  actor: Actor,
  input: RegulationInput,
): Promise<Result<{ id: string }, AppError>> {
  const line = await agencyLine(ctx.db, input.agencyCode);
  if (!line.length) return err(steeringErrors.noAgency(input.agencyCode));
  if (!mayAct(actor, "manage", line)) return err(steeringErrors.forbidden("manage"));
  const id = await createWithJournal(
    ctx.db,
    "regulation",
    (tx) =>
      tx
        .insertInto("regulation")
        .values({
          title: input.title,
          legal_basis: input.legalBasis,
          issuer_level: input.issuerLevel,
          agency_code: input.agencyCode,
          due_on: input.dueOn,
          original_due_on: input.dueOn,
          status: "drafting",
          issued_number: null,
          issued_on: null,
          note: input.note,
          created_at: ctx.now,
          last_seq: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    {
      type: "register",
      actorId: actor.id,
      at: ctx.now,
      note: input.note,
      payload: { dueOn: input.dueOn, agencyCode: input.agencyCode },
    },
  );
  return ok({ id });
}

/** Submit, return, issue (with its number), reschedule (the first due date stays) or cancel. */
export async function actOnRegulation(
  ctx: SteeringCtx,
  id: string,
  actor: Actor,
  action: RegulationAction,
): Promise<Result<{ status: RegulationStatus }, AppError>> {
  const today = vnDay(ctx.now);
  if (action.type === "issue" && action.issuedOn > today) {
    return err(steeringErrors.issuedInFuture(today));
  }
  return inTransaction(ctx.db, async (tx) => {
    const r = await tx
      .selectFrom("regulation")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!r) return err(steeringErrors.notFound("văn bản"));
    const decided = decideRegulation(r.status, action.type, actor, await agencyLine(tx, r.agency_code));
    if (!decided.ok) return decided;
    if (action.type === "reschedule" && action.dueOn === r.due_on) {
      return err(steeringErrors.sameDueDate());
    }
    const seq = r.last_seq + 1;
    await tx
      .updateTable("regulation")
      .set({
        status: decided.value,
        last_seq: seq,
        ...(action.type === "issue" ? { issued_number: action.number, issued_on: action.issuedOn } : {}),
        ...(action.type === "reschedule" ? { due_on: action.dueOn } : {}),
      })
      .where("id", "=", id)
      .execute();
    const { type, note, ...payload } = action;
    await appendEvent(tx, "regulation", id, seq, { type, actorId: actor.id, at: ctx.now, note, payload });
    return ok({ status: decided.value });
  });
}

export interface RegulationQuery {
  /** The agencies the reader oversees; null: all (administrators, supervisors). */
  scope: string[] | null;
  status?: RegulationStatus;
  agencyCode?: string;
  overdue?: boolean;
}

/** The register, earliest deadline first, with where each stands today. */
export async function listRegulations(db: Db, q: RegulationQuery, now: Date) {
  const today = vnDay(now);
  const rows = await db
    .selectFrom("regulation as r")
    .innerJoin("agency as a", "a.code", "r.agency_code")
    .selectAll("r")
    .select("a.name as agency_name")
    .$if(q.scope !== null, (b) => b.where("r.agency_code", "in", q.scope as string[]))
    .$if(q.status !== undefined, (b) => b.where("r.status", "=", q.status as RegulationStatus))
    .$if(q.agencyCode !== undefined, (b) => b.where("r.agency_code", "=", q.agencyCode as string))
    .$if(q.overdue === true, (b) =>
      b.where("r.status", "in", ["drafting", "submitted"]).where("r.due_on", "<", today),
    )
    .orderBy("r.due_on")
    .orderBy("r.id")
    .limit(1000)
    .execute();
  return rows.map((r) => regulationView(r, today));
}

type RegulationRow = Awaited<ReturnType<typeof regulationRow>>;
const regulationRow = (db: Db, id: string) =>
  db
    .selectFrom("regulation as r")
    .innerJoin("agency as a", "a.code", "r.agency_code")
    .selectAll("r")
    .select("a.name as agency_name")
    .where("r.id", "=", id)
    .executeTakeFirstOrThrow();

function regulationView(r: RegulationRow, today: string) {
  const open = r.status === "drafting" || r.status === "submitted";
  return {
    id: r.id,
    title: r.title,
    legalBasis: r.legal_basis,
    issuerLevel: r.issuer_level,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    dueOn: r.due_on,
    originalDueOn: r.original_due_on,
    status: r.status,
    issuedNumber: r.issued_number,
    issuedOn: r.issued_on,
    note: r.note,
    ...standing(open, r.due_on, today),
    issuedLate: issuedLate({ status: r.status, issuedOn: r.issued_on, originalDueOn: r.original_due_on }),
  };
}

export async function regulationDetail(db: Db, id: string, now: Date) {
  const exists = await db.selectFrom("regulation").select("id").where("id", "=", id).executeTakeFirst();
  if (!exists) return err(steeringErrors.notFound("văn bản"));
  return ok({
    ...regulationView(await regulationRow(db, id), vnDay(now)),
    journal: await journalOf(db, "regulation", id),
  });
}
