import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import { agencyLine } from "../../reference/agencies/agencies.service.ts";
import { vnDay } from "../../reference/calendar/local-time.ts";
import { steeringErrors } from "./steering.errors.ts";
import { type Actor, appendEvent, createWithJournal, type SteeringCtx } from "./steering.repository.ts";
import { REFORM_AREAS, type ReformArea, type TaskAction, type TaskInput } from "./steering.types.ts";
import { decideTask, mayAct, standing } from "./steering-rules.ts";

/** Assigns a reform task (nhiệm vụ CCHC) to an agency with a deadline. */
export async function assignTask(
  ctx: SteeringCtx,
  actor: Actor,
  input: TaskInput,
): Promise<Result<{ id: string }, AppError>> {
  const line = await agencyLine(ctx.db, input.agencyCode);
  if (!line.length) return err(steeringErrors.noAgency(input.agencyCode));
  if (!mayAct(actor, "manage", line)) return err(steeringErrors.forbidden("manage"));
  const id = await createWithJournal(
    ctx.db,
    "task",
    (tx) =>
      tx
        .insertInto("reform_task")
        .values({
          area: input.area,
          title: input.title,
          agency_code: input.agencyCode,
          due_on: input.dueOn,
          status: "open",
          done_on: null,
          note: input.note,
          created_at: ctx.now,
          last_seq: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    {
      type: "assign",
      actorId: actor.id,
      at: ctx.now,
      note: input.note,
      payload: { area: input.area, agencyCode: input.agencyCode, dueOn: input.dueOn },
    },
  );
  return ok({ id });
}

/** The agency reports progress (100% finishes it); the committee may cancel it. */
export async function actOnTask(
  ctx: SteeringCtx,
  id: string,
  actor: Actor,
  action: TaskAction,
): Promise<Result<{ status: "open" | "done" | "cancelled"; progress: number }, AppError>> {
  return inTransaction(ctx.db, async (tx) => {
    const t = await tx
      .selectFrom("reform_task")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!t) return err(steeringErrors.notFound("nhiệm vụ"));
    const decided = decideTask(t.status, action, actor, await agencyLine(tx, t.agency_code));
    if (!decided.ok) return decided;
    const seq = t.last_seq + 1;
    const progress = action.type === "progress" ? action.progress : t.progress;
    await tx
      .updateTable("reform_task")
      .set({
        status: decided.value,
        progress,
        last_seq: seq,
        done_on: decided.value === "done" ? vnDay(ctx.now) : null,
      })
      .where("id", "=", id)
      .execute();
    await appendEvent(tx, "task", id, seq, {
      type: action.type,
      actorId: actor.id,
      at: ctx.now,
      note: action.note,
      payload: { progress },
    });
    return ok({ status: decided.value, progress });
  });
}

export async function listTasks(
  db: Db,
  q: { scope: string[] | null; area?: ReformArea; agencyCode?: string; overdue?: boolean },
  now: Date,
) {
  const today = vnDay(now);
  const rows = await db
    .selectFrom("reform_task as t")
    .innerJoin("agency as a", "a.code", "t.agency_code")
    .selectAll("t")
    .select("a.name as agency_name")
    .$if(q.scope !== null, (b) => b.where("t.agency_code", "in", q.scope as string[]))
    .$if(q.area !== undefined, (b) => b.where("t.area", "=", q.area as string))
    .$if(q.agencyCode !== undefined, (b) => b.where("t.agency_code", "=", q.agencyCode as string))
    .$if(q.overdue === true, (b) => b.where("t.status", "=", "open").where("t.due_on", "<", today))
    .orderBy("t.area")
    .orderBy("t.due_on")
    .orderBy("t.id")
    .limit(1000)
    .execute();
  return rows.map((t) => ({
    id: t.id,
    area: t.area as ReformArea,
    areaName: REFORM_AREAS[t.area as ReformArea] ?? t.area,
    title: t.title,
    agencyCode: t.agency_code,
    agencyName: t.agency_name,
    dueOn: t.due_on,
    progress: t.progress,
    status: t.status,
    doneOn: t.done_on,
    note: t.note,
    ...standing(t.status === "open", t.due_on, today),
    doneLate: t.done_on !== null && t.done_on > t.due_on,
  }));
}
