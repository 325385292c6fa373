import { type Selectable, sql } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { DossierTable } from "../../kernel/db/schema.ts";
import type { CheckedDossier } from "../../kernel/http/auth-guard.ts";
import { vnIso } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { processVersion } from "../../reference/processes/processes.service.ts";
import { jurisdictionOf } from "../auth/jurisdiction.service.ts";
import { covers } from "../auth/jurisdiction.ts";
import type { ActionType } from "./action-rules.ts";
import { deadlineFlags, dueSoonHorizon } from "./deadlines.ts";
import { accessErrors, dossierErrors } from "./dossier.errors.ts";
import { type DossierStatus, STATUS_LABEL_VI } from "./dossier-status.ts";
import type { PublicTracking } from "./dossier-views.ts";
import { decodeDueCursor, encodeDueCursor } from "./due-cursor.ts";
import { type Actor, availableActions, holder, viewOf } from "./lifecycle.ts";
import { pinHash } from "./reception.service.ts";

const iso = vnIso;

export async function loadDossier(db: Db, code: string): Promise<Selectable<DossierTable> | undefined> {
  return db.selectFrom("dossier").selectAll().where("code", "=", code).executeTakeFirst();
}

/** The agencies a dossier belongs to (receiving, handling, liên thông sub-cases); null if none. */
export async function dossierAgencies(db: Db, code: string): Promise<string[] | null> {
  const r = await sql<{ agencies: string[] }>`
    SELECT ARRAY[d.receiving_agency, d.handling_agency]
      || COALESCE((SELECT array_agg(s.agency_code) FROM dossier_subcase s WHERE s.dossier_id = d.id), '{}') AS agencies
    FROM dossier d WHERE d.code = ${code}`.execute(db);
  return r.rows[0]?.agencies ?? null;
}

/**
 * A dossier the official may read: 404 if it does not exist or is outside their jurisdiction
 * (the same answer, so codes cannot be probed).
 * `checked` is the access hook's read of the same dossier for the same official, already checked.
 */
export async function readableDossier(
  db: Db,
  code: string,
  actor: Actor,
  checked?: CheckedDossier,
): Promise<Result<Selectable<DossierTable>, AppError>> {
  if (checked?.row.code === code) return ok(checked.row);
  const d = await loadDossier(db, code);
  if (!d) return err(dossierErrors.notFound(code));
  const seen = await jurisdictionOf(db, actor);
  if (covers(seen, [d.receiving_agency, d.handling_agency])) return ok(d);
  const agencies = await dossierAgencies(db, code);
  return agencies && covers(seen, agencies) ? ok(d) : err(accessErrors.outsideJurisdiction(code));
}

/** The dossier for an official: summary, current step and deadline, and the actions open to them. */
export async function dossierView(
  db: Db,
  cal: WorkCalendar,
  code: string,
  actor: Actor,
  now = new Date(),
  checked?: CheckedDossier,
) {
  const readable = await readableDossier(db, code, actor, checked);
  if (!readable.ok) return readable;
  const d = readable.value;
  const process = await processVersion(db, d.procedure_code, d.process_version);
  const view = viewOf(d, process.steps);
  const step = holder(view).step;
  // Most dossiers have no sub-case; the hook's read says so without another round trip.
  const subcases =
    checked?.row.code === code && checked.subcaseAgencies.length === 0
      ? []
      : await db
          .selectFrom("dossier_subcase")
          .selectAll()
          .where("dossier_id", "=", d.id)
          .orderBy("id")
          .execute();
  return ok({
    code: d.code,
    procedure: { code: d.procedure_code, name: d.procedure_name, processVersion: d.process_version },
    channel: d.channel,
    applicant: d.applicant,
    submission: d.submission,
    components: d.components,
    receivingAgency: d.receiving_agency,
    handlingAgency: d.handling_agency,
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    dvcqgStatus: d.dvcqg_status,
    currentStep: step ? { key: step.key, name: step.name, role: step.role } : null,
    holder: { role: d.step_role, agencyCode: d.step_agency, assigneeId: d.assignee_id },
    stepStartedAt: iso(d.step_started_at),
    stepDueAt: iso(d.step_due_at),
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    firstDueAt: iso(d.first_due_at),
    finishedAt: iso(d.finished_at),
    returnedAt: iso(d.returned_at),
    flags: {
      ...deadlineFlags(d.due_at, d.finished_at, now, dueSoonHorizon(cal, now)),
      late: d.late,
      reappointed: d.reappointed,
      paused: d.paused_at !== null,
      synthetic: d.synthetic,
    },
    states: { business: d.status, signing: d.signing_state, delivery: d.delivery_state, sync: d.sync_state },
    resultKind: d.result_kind,
    subcases: subcases.map((s) => ({
      id: s.id,
      agencyCode: s.agency_code,
      openedAt: iso(s.opened_at),
      dueAt: iso(s.due_at),
      closedAt: iso(s.closed_at),
      note: s.note,
    })),
    availableActions: availableActions(view, actor) as ActionType[],
  });
}

/** The journal, a page at a time; never embedded in the dossier. */
export async function dossierHistory(
  db: Db,
  code: string,
  actor: Actor,
  opts: { after?: number; limit: number },
  checked?: CheckedDossier,
) {
  const readable = await readableDossier(db, code, actor, checked);
  if (!readable.ok) return readable;
  const d = readable.value;
  const rows = await db
    .selectFrom("dossier_action as a")
    .leftJoin("official as o", "o.id", "a.actor_id")
    .select([
      "a.seq",
      "a.type",
      "a.at",
      "a.note",
      "a.payload",
      "a.from_status",
      "a.to_status",
      "a.step_key",
      "a.step_due_at",
      "a.actor_agency",
      "o.full_name",
    ])
    .where("a.dossier_id", "=", d.id)
    .where("a.seq", ">", opts.after ?? 0)
    .orderBy("a.seq")
    .limit(opts.limit)
    .execute();
  const items = rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    at: iso(r.at),
    actor: r.full_name ?? "",
    actorAgency: r.actor_agency,
    note: r.note,
    payload: r.payload,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    stepKey: r.step_key,
    stepDueAt: iso(r.step_due_at),
  }));
  return ok({ items, next: items.length === opts.limit ? items.at(-1)?.seq : null });
}

/** The caller's work queue: dossiers their role holds at their agency, by due date (keyset paging). */
/** A due date in exact epoch microseconds, for the keyset cursor (see due-cursor.ts). */
export const dueMicros = (column = "due_at") =>
  sql<string | null>`(extract(epoch from ${sql.ref(column)}) * 1000000)::bigint::text`;

/** What every list of dossiers shows first: code, procedure, applicant, status in Vietnamese. */
export function listedDossier(r: {
  code: string;
  procedure_name: string;
  applicant: { name: string };
  status: DossierStatus;
}) {
  return {
    code: r.code,
    procedureName: r.procedure_name,
    applicantName: r.applicant.name,
    status: r.status,
    statusLabel: STATUS_LABEL_VI[r.status],
  };
}

/** Inbox filters: one status, overdue / due within a working day, or a code prefix. */
export interface InboxFilter {
  status?: DossierStatus;
  flag?: "overdue" | "due-soon";
  q?: string;
}

export async function inbox(
  db: Db,
  cal: WorkCalendar,
  actor: Actor,
  opts: InboxFilter & { cursor?: string; limit: number },
  now = new Date(),
) {
  const horizon = dueSoonHorizon(cal, now);
  let q = db
    .selectFrom("dossier")
    .select([
      "id",
      "code",
      "procedure_name",
      "status",
      "dvcqg_status",
      "due_at",
      "step_due_at",
      "received_at",
      "applicant",
      "late",
      "reappointed",
      "finished_at",
      dueMicros().as("due_us"),
    ])
    .where("step_agency", "=", actor.agencyCode)
    .where("step_role", "in", actor.roles.length ? [...actor.roles] : ["-"])
    .where((eb) => eb.or([eb("finished_at", "is", null), eb("status", "=", "result-ready")]));
  if (opts.status) q = q.where("status", "=", opts.status);
  if (opts.flag === "overdue") q = q.where("finished_at", "is", null).where("due_at", "<", now);
  if (opts.flag === "due-soon") {
    q = q.where("finished_at", "is", null).where("due_at", ">=", now).where("due_at", "<=", horizon);
  }
  if (opts.q) q = q.where("code", "like", `${opts.q.replace(/[\\%_]/g, "\\$&")}%`);
  const after = opts.cursor ? decodeDueCursor(opts.cursor) : null;
  if (after) {
    const due = after.due === null ? null : sql<Date>`${after.due}::timestamptz`;
    q = due
      ? q.where((eb) =>
          eb.or([
            eb("due_at", ">", due),
            eb.and([eb("due_at", "=", due), eb("id", ">", after.id)]),
            eb("due_at", "is", null),
          ]),
        )
      : q.where("due_at", "is", null).where("id", ">", after.id);
  }
  const rows = await q
    .orderBy("due_at", (ob) => ob.asc().nullsLast())
    .orderBy("id")
    .limit(opts.limit)
    .execute();
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      ...listedDossier(r),
      dvcqgStatus: r.dvcqg_status,
      receivedAt: iso(r.received_at),
      dueAt: iso(r.due_at),
      stepDueAt: iso(r.step_due_at),
      ...deadlineFlags(r.due_at, r.finished_at, now, horizon),
      late: r.late,
      reappointed: r.reappointed,
    })),
    next: rows.length === opts.limit && last ? encodeDueCursor(last.due_us, last.id) : null,
  };
}

/** Citizen tracking by code + PIN: status, steps done, due date; nobody's personal data. */
export async function publicTracking(
  db: Db,
  code: string,
  pin: string,
): Promise<Result<PublicTracking, AppError>> {
  const d = await loadDossier(db, code);
  if (!d || d.pin_hash !== pinHash(code, pin)) return err(dossierErrors.badPin());
  const process = await processVersion(db, d.procedure_code, d.process_version);
  const actions = await db
    .selectFrom("dossier_action")
    .select(["type", "at", "to_status", "payload"])
    .where("dossier_id", "=", d.id)
    .orderBy("seq")
    .execute();
  const asked = [...actions]
    .reverse()
    .find(
      (a) =>
        a.type === "request-supplement" || a.type === "request-completion" || a.type === "request-payment",
    );
  return ok({
    code: d.code,
    procedureName: d.procedure_name,
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    dvcqgStatus: d.dvcqg_status,
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    steps: process.steps.map((s, i) => ({
      name: s.name,
      done:
        d.status === "returned" ||
        (d.step_index !== null && (i < d.step_index || (d.finished_at !== null && s.kind !== "return"))),
      current: i === d.step_index && d.finished_at === null,
    })),
    askedOfYou:
      d.status === "supplement-requested" ||
      d.status === "awaiting-completion" ||
      d.status === "payment-requested"
        ? (asked?.payload ?? null)
        : null,
    // A citizen follows changes of status; internal hand-overs within one status are one entry.
    timeline: actions
      .filter((a, i) => i === 0 || a.to_status !== actions[i - 1]?.to_status)
      .map((a) => ({
        at: iso(a.at),
        status: a.to_status,
        label: STATUS_LABEL_VI[a.to_status as keyof typeof STATUS_LABEL_VI] ?? a.to_status,
      })),
  });
}
