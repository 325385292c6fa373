import {
  CompiledQuery,
  type Insertable,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { insertInBatches } from "../../kernel/db/batch-insert.ts";
import { type Db, poolOf } from "../../kernel/db/database.ts";
import type { Database, DossierActionTable, DossierTable } from "../../kernel/db/schema.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { ProcessStep } from "../../reference/processes/process.types.ts";
import { contributions, type FactInput, factsOf } from "../kpi-facts/dossier-facts.ts";
import { cellsJson, honestRule, refreshKpi } from "../kpi-facts/facts.repository.ts";
import type { ActionType } from "./action-rules.ts";
import { stepDue } from "./deadlines.ts";
import type { Applicant, ReceptionRequest } from "./dossier.types.ts";
import { codeParts } from "./dossier-code.ts";
import type { DossierStatus } from "./dossier-status.ts";
import { type Actor, decide, holder, type LifecycleView, viewOf } from "./lifecycle.ts";

/*
 * The one writer of a dossier's journal (`dossier_action`, nhật ký xử lý hồ sơ) and its projection
 * (`dossier`). Each entry is appended with the projection change, the KPI facts and the outbox in
 * the caller's transaction; test/architecture/journal-owner.test.ts finds any other writer.
 * The few projection changes that are not events (a flag, a purge) are here too, each saying why.
 */

/**
 * Where events go: an AFTER INSERT trigger of this name on `dossier_action` (migration 0006,
 * ADR 0007) writes one `outbox_event` per enabled `outbox_topic` (dvcqg, notify) for every entry
 * appended here, in the same transaction. It stays a trigger because reception's single
 * statement cannot call back into Node; `appendHistory` turns it off for a synthetic past.
 */
export const OUTBOX_TRIGGER = "dossier_action_outbox";

type Tx = Transaction<Database>;
type Row = Selectable<DossierTable>;

// ---------------------------------------------------------------------------------------------
// Reception (tiếp nhận): the first entry and the projection's insert.

/** What reception decided about a new dossier; the journal turns it into rows. */
export interface ReceivedDossier {
  day: string;
  pin: string;
  status: DossierStatus;
  dvcqgStatus: number;
  dueAt: Date | null;
  stepDueAt: Date | null;
  processVersion: number;
  procedureName: string;
  handlingAgency: string;
  identityCheck: string;
  registryRef: { kind: string; code: string } | null;
  retyped: string[];
}

export interface ReceptionEntry {
  /** The deployment's dossierCodeTemplate. */
  codeTemplate: string;
  actor: { id: number; agencyCode: string };
  at: Date;
  request: ReceptionRequest & { applicant: Applicant };
  dossier: ReceivedDossier;
}

/**
 * Counter, projection, first journal entry and KPI facts in one statement, so it is atomic on its
 * own and the agency-day counter row stays locked only for that statement: codes are gap-free and
 * unique. The one entry that may run on the pool (a prepared statement per connection, the
 * benchmarked fast path); a reception with more to write passes its transaction.
 */
export async function appendReception(db: Db, e: ReceptionEntry): Promise<{ id: string; code: string }> {
  const { actor, at: now, request: req, dossier: r } = e;
  const { before, after, width } = codeParts(e.codeTemplate, actor.agencyCode, r.day);
  const values = [
    actor.agencyCode,
    r.day,
    before,
    width,
    after,
    r.pin,
    req.procedureCode,
    r.procedureName,
    r.processVersion,
    req.channel,
    JSON.stringify(req.applicant),
    JSON.stringify(req.submission),
    JSON.stringify(req.components),
    r.handlingAgency,
    r.status,
    r.dvcqgStatus,
    now,
    r.stepDueAt,
    r.dueAt,
    r.status === "refused" ? now : null,
    actor.id,
    req.reason ?? "",
    JSON.stringify({ outcome: req.outcome, channel: req.channel, missingItems: req.missingItems ?? [] }),
    r.identityCheck,
    r.registryRef ? JSON.stringify(r.registryRef) : null,
    r.retyped,
    ...receptionKpi(e),
  ];
  const pool = poolOf(db);
  const { rows } = pool
    ? await pool.query<{ id: string; code: string }>({
        name: "motcua_reception_v3",
        text: RECEPTION_SQL,
        values,
      })
    : await db.executeQuery<{ id: string; code: string }>(CompiledQuery.raw(RECEPTION_SQL, values));
  const row = rows[0];
  if (!row) throw new Error("reception insert returned no row");
  return row;
}

/** Parameters in the order appendReception passes them. */
const RECEPTION_SQL = `
  WITH c AS (
    INSERT INTO dossier_code_counter (agency_code, day, last) VALUES ($1, $2::date, 1)
    ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_code_counter.last + 1
    RETURNING last
  ), k AS (
    SELECT $3::text || CASE WHEN length(last::text) >= $4::int THEN last::text ELSE lpad(last::text, $4::int, '0') END
      || $5::text AS code
    FROM c
  ), d AS (
    INSERT INTO dossier (code, pin_hash, procedure_code, procedure_name, process_version, channel, applicant, submission,
      components, receiving_agency, handling_agency, status, dvcqg_status, step_index, step_role, step_agency,
      step_started_at, step_due_at, received_at, due_at, first_due_at, finished_at, last_seq, identity_check,
      registry_ref, retyped_fields)
    SELECT k.code, encode(sha256(convert_to(k.code || ':' || $6::text, 'UTF8')), 'hex'), $7, $8, $9::int, $10::smallint,
      $11::jsonb, $12::jsonb, $13::jsonb, $1, $14, $15, $16::smallint, NULL, 'desk', $1, $17::timestamptz,
      $18::timestamptz, $17::timestamptz, $19::timestamptz, $19::timestamptz, $20::timestamptz, 1, $24::text,
      $25::jsonb, $26::text[]
    FROM k
    RETURNING id, code
  ), a AS (
    INSERT INTO dossier_action (dossier_id, seq, type, actor_id, actor_agency, at, note, payload, from_status, to_status,
      step_key, step_due_at)
    SELECT d.id, 1, 'receive', $21::int, $1, $17::timestamptz, $22, $23::jsonb, NULL, $15, NULL, $18::timestamptz
    FROM d
  ), f AS (
    INSERT INTO kpi_fact (dossier_id, facts, online, received_day, receiving_agency)
    SELECT d.id, $27::jsonb, $27::jsonb->>'online', ($27::jsonb->>'receivedDay')::date, $1 FROM d
  )
  SELECT id::text AS id, code, kpi_apply($28::jsonb) FROM d`;

/** The reception's KPI facts and aggregate cells, applied by the same statement ($27, $28). */
function receptionKpi({ actor, at: now, request: req, dossier: r }: ReceptionEntry) {
  const facts = factsOf(
    {
      procedureCode: req.procedureCode,
      channel: req.channel,
      status: r.status,
      receivingAgency: actor.agencyCode,
      handlingAgency: r.handlingAgency,
      receivedAt: now,
      firstDueAt: r.dueAt,
      dueAt: r.dueAt,
      finishedAt: r.status === "refused" ? now : null,
      reappointed: false,
      late: false,
      submission: req.submission,
      // resolveReuse marked the reused ones; the row stores exactly these.
      components: req.components as FactInput["components"],
      resultKind: null,
      signingState: "unsigned",
      syncState: "pending",
      identityCheck: r.identityCheck,
      hasFee: false,
      paidOnline: false,
      disliked: false,
    },
    honestRule(),
  );
  return [JSON.stringify(facts), cellsJson(contributions(facts))];
}

/** A dossier that arrives with its first entry from elsewhere (nộp trực tuyến on DVCQG). */
export async function openDossier(
  tx: Tx,
  dossier: Omit<Insertable<DossierTable>, "last_seq">,
  first: {
    type: string;
    actor: { id: number | null; agencyCode: string };
    at: Date;
    note: string;
    payload: Record<string, unknown>;
  },
): Promise<string> {
  const d = await tx
    .insertInto("dossier")
    .values({ ...dossier, last_seq: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("dossier_action")
    .values({
      dossier_id: d.id,
      seq: 1,
      type: first.type,
      actor_id: first.actor.id,
      actor_agency: first.actor.agencyCode,
      at: first.at,
      note: first.note,
      payload: JSON.stringify(first.payload),
      from_status: null,
      to_status: dossier.status,
    })
    .execute();
  await refreshKpi(tx, [d.id]);
  return d.id;
}

// ---------------------------------------------------------------------------------------------
// Actions (thao tác xử lý): checked by the rules, then appended.

declare const checked: unique symbol;

/** An action the rules allow on a locked projection row; only `checkAction` makes one. */
export interface CheckedAction {
  readonly dossier: Pick<Row, "id" | "last_seq" | "step_due_at">;
  readonly type: ActionType;
  readonly actor: Actor;
  readonly view: LifecycleView;
  /** The dossier after the action: status and step as `decide()` gave them. */
  readonly next: LifecycleView;
  readonly [checked]: true;
}

/** May this actor take this action on this row now? `decide()` answers (403 / 409 as values). */
export function checkAction(
  dossier: Row,
  steps: readonly ProcessStep[],
  type: ActionType,
  actor: Actor,
): Result<CheckedAction, AppError> {
  const view = viewOf(dossier, steps);
  const decision = decide(view, type, actor);
  if (!decision.ok) return err(decision.error);
  return ok({ dossier, type, actor, view, next: { ...view, ...decision.value } } as unknown as CheckedAction);
}

/**
 * Appends a checked action: the holder and the step clock follow the decision, the action's own
 * changes (`set`: deadlines, result, delivery…) go on the projection, facts it produced in the entry.
 */
export async function appendAction(
  tx: Tx,
  action: CheckedAction,
  clock: {
    calendar: WorkCalendar;
    deployment: { dvcqgMapping: Partial<Record<DossierStatus, number>> };
    now: Date;
  },
  entry: { note: string; payload: Record<string, unknown>; set: Updateable<DossierTable> },
): Promise<{ seq: number; status: DossierStatus; dvcqgStatus: number }> {
  const { dossier: d, view, next, actor } = action;
  const { now } = clock;
  const now_ = holder(next);
  const stepMoved =
    next.stepIndex !== view.stepIndex || (view.status === "received" && next.status === "processing");
  const stepDueAt = stepMoved
    ? stepDue(clock.calendar, now, now_.step?.budgetMinutes ?? 0)
    : ((entry.set.step_due_at as Date | null | undefined) ?? d.step_due_at);
  const seq = d.last_seq + 1;
  const dvcqgStatus = clock.deployment.dvcqgMapping[next.status] ?? 0;
  await tx
    .updateTable("dossier")
    .set({
      ...entry.set,
      status: next.status,
      dvcqg_status: dvcqgStatus,
      step_index: next.stepIndex,
      step_role: now_.role,
      step_agency: now_.agencyCode,
      ...(stepMoved ? { step_started_at: now, assignee_id: null } : {}),
      step_due_at: stepDueAt,
      last_seq: seq,
      updated_at: now,
    })
    .where("id", "=", d.id)
    .execute();
  await tx
    .insertInto("dossier_action")
    .values({
      dossier_id: d.id,
      seq,
      type: action.type,
      actor_id: actor.id,
      actor_agency: actor.agencyCode,
      at: now,
      note: entry.note,
      payload: JSON.stringify(entry.payload),
      from_status: view.status,
      to_status: next.status,
      step_key: now_.step?.key ?? null,
      step_due_at: stepDueAt,
    })
    .execute();
  await refreshKpi(tx, [d.id]);
  return { seq, status: next.status, dvcqgStatus };
}

// ---------------------------------------------------------------------------------------------
// System entries: motcua writes them itself when a national system answers.

/** Not an action of the rule table, so no `decide()`: the status stays unless `toStatus` says. */
export interface SystemEntry {
  type: string;
  note: string;
  payload?: Record<string, unknown>;
  set?: Updateable<DossierTable>;
  toStatus?: DossierStatus;
  dvcqgStatus?: number;
}

export async function appendSystemEntry(
  tx: Tx,
  dossierId: string,
  entry: SystemEntry,
  now: Date,
): Promise<number> {
  const d = await tx
    .selectFrom("dossier")
    .select(["last_seq", "status", "receiving_agency", "step_due_at"])
    .where("id", "=", dossierId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const seq = d.last_seq + 1;
  await tx
    .updateTable("dossier")
    .set({
      ...entry.set,
      ...(entry.toStatus ? { status: entry.toStatus, dvcqg_status: entry.dvcqgStatus ?? 0 } : {}),
      last_seq: seq,
      updated_at: now,
    })
    .where("id", "=", dossierId)
    .execute();
  await tx
    .insertInto("dossier_action")
    .values({
      dossier_id: dossierId,
      seq,
      type: entry.type,
      actor_id: null,
      actor_agency: d.receiving_agency,
      at: now,
      note: entry.note,
      payload: JSON.stringify(entry.payload ?? {}),
      from_status: d.status,
      to_status: entry.toStatus ?? d.status,
      step_key: null,
      step_due_at: d.step_due_at,
    })
    .execute();
  await refreshKpi(tx, [dossierId]);
  return seq;
}

// ---------------------------------------------------------------------------------------------
// Projection changes that are not journal entries. An entry would reach the portal through the
// outbox and show in the citizen's history; none of these is news to either.

/**
 * Overdue open dossiers become late (trễ hạn), and stay late after a re-appointment. A flag the
 * deadline pass keeps, not an event; the facts read `late` only once a dossier is finished, so
 * no KPI refresh.
 */
export async function markLate(tx: Tx, now: Date): Promise<number> {
  const r = await tx
    .updateTable("dossier")
    .set({ late: true })
    .where("finished_at", "is", null)
    .where("late", "=", false)
    .where("due_at", "<", now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The portal has the dossier: indicator 1.4 counts it as synced from now on. The delivery of the
 * journal's own events, so journalling it would only make another event to deliver.
 */
export async function markSynced(tx: Db, dossierIds: string[]): Promise<void> {
  const r = await sql<{ id: string }>`
    UPDATE dossier SET sync_state = 'synced'
    WHERE id = ANY(${dossierIds}::bigint[]) AND sync_state <> 'synced'
    RETURNING id::text AS id`.execute(tx);
  await refreshKpi(
    tx,
    r.rows.map((x) => x.id),
  );
}

/**
 * The end of retention (Decree 13/2023): the applicant's personal fields are emptied in place and
 * the moment kept on the row; the audit log records the purge. Not an entry: an event would send
 * the blanked applicant to the portal. No fact reads these fields, so no KPI refresh.
 */
export async function blankPersonalData(
  tx: Tx,
  dossierId: string,
  blanked: { applicant: Applicant; submission: unknown },
  now: Date,
): Promise<void> {
  await tx
    .updateTable("dossier")
    .set({
      applicant: JSON.stringify(blanked.applicant),
      submission: JSON.stringify(blanked.submission),
      personal_data_purged_at: now,
    })
    .where("id", "=", dossierId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Bulk: a whole past at once (the synthetic demo year; later, history imports).

export interface History {
  /** Projection rows with their ids taken from `dossier_id_seq`, so entries can name them. */
  dossiers: (Insertable<DossierTable> & { id: string })[];
  actions: Insertable<DossierActionTable>[];
}

/**
 * Appends complete histories: each dossier's entries numbered 1..last_seq, the projection ending
 * where its last entry does. `publish: false` for a past that is not news to the national portal.
 * `kpi: "rebuilt-by-caller"` when the caller rebuilds every aggregate in the same transaction
 * (after a purge the facts of the removed dossiers must go too); otherwise the facts are refreshed.
 */
export async function appendHistory(
  tx: Tx,
  history: History,
  opts: { publish: boolean; kpi: "refresh" | "rebuilt-by-caller" },
): Promise<void> {
  const problem = inconsistency(history);
  if (problem) throw new Error(`appendHistory: ${problem}`);
  if (!opts.publish) await sql`SELECT set_config('motcua.outbox', 'off', true)`.execute(tx);
  await insertInBatches(tx, "dossier", history.dossiers);
  await insertInBatches(tx, "dossier_action", history.actions);
  if (!opts.publish) await sql`SELECT set_config('motcua.outbox', 'on', true)`.execute(tx);
  if (opts.kpi === "refresh") {
    const ids = history.dossiers.map((d) => d.id);
    for (let i = 0; i < ids.length; i += 5000) await refreshKpi(tx, ids.slice(i, i + 5000));
  }
}

/** A history whose projection and journal disagree is refused before anything is written. */
function inconsistency({ dossiers, actions }: History): string | null {
  const last = new Map<string, { seq: number; count: number; to: string }>();
  for (const a of actions) {
    const l = last.get(a.dossier_id) ?? { seq: 0, count: 0, to: "" };
    last.set(a.dossier_id, {
      seq: Math.max(l.seq, a.seq),
      count: l.count + 1,
      to: a.seq > l.seq ? a.to_status : l.to,
    });
  }
  for (const d of dossiers) {
    const l = last.get(d.id);
    if (!l || l.count !== d.last_seq || l.seq !== d.last_seq)
      return `dossier ${d.code}: entries do not run 1..last_seq`;
    if (l.to !== d.status) return `dossier ${d.code}: status ${d.status} but its last entry says ${l.to}`;
  }
  return last.size === dossiers.length ? null : "entries for a dossier not in the batch";
}

/**
 * Deletes synthetic dossiers (only those) and everything that points at them. The journal's
 * append-only trigger lets this one purge through, inside it alone.
 */
export async function purgeSyntheticDossiers(tx: Tx): Promise<void> {
  await sql`SELECT set_config('motcua.purge_synthetic', 'on', true)`.execute(tx);
  await sql`DELETE FROM dossier_action a USING dossier d WHERE a.dossier_id = d.id AND d.synthetic`.execute(
    tx,
  );
  for (const table of [
    "dossier_subcase",
    "idempotency_key",
    "outbox_event",
    "citizen_document",
    "notification",
    "payment",
    "population_lookup",
    "dossier_tracking",
    "stored_file",
  ]) {
    await sql`DELETE FROM ${sql.table(table)} t USING dossier d WHERE t.dossier_id = d.id AND d.synthetic`.execute(
      tx,
    );
  }
  await sql`DELETE FROM dossier WHERE synthetic`.execute(tx);
  await sql`SELECT set_config('motcua.purge_synthetic', 'off', true)`.execute(tx);
}
