import type { Db } from "../../kernel/db/database.ts";
import { vnIso } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { dueSoonHorizon, extendedBy } from "./deadlines.ts";
import { markLate as markLateIn } from "./journal.repository.ts";

export interface DueSoon {
  code: string;
  procedureName: string;
  applicantName: string;
  handlingAgency: string;
  holder: { role: string; agencyCode: string };
  dueAt: string;
  overdue: boolean;
  /** Form 04 drafted for the responsible official to complete and send (one re-appointment only). */
  draftForm04: { apologyVi: string; proposedDueAt: string | null };
}

/** Overdue open dossiers become late, and stay late after a re-appointment (journal.repository.ts). */
export async function markLate(db: Db, now: Date): Promise<number> {
  return db.transaction().execute((tx) => markLateIn(tx, now));
}

/** Open dossiers due within one working day that have not used their one re-appointment. */
export async function dueSoon(
  db: Db,
  cal: WorkCalendar,
  now: Date,
  agencies: readonly string[] | null,
): Promise<DueSoon[]> {
  const horizon = dueSoonHorizon(cal, now);
  let q = db
    .selectFrom("dossier")
    .select([
      "code",
      "procedure_name",
      "applicant",
      "handling_agency",
      "step_role",
      "step_agency",
      "due_at",
      "received_at",
    ])
    .where("finished_at", "is", null)
    .where("reappointed", "=", false)
    .where("due_at", "<=", horizon)
    .where("status", "not in", ["submitted", "awaiting-completion"]);
  if (agencies) {
    const within = agencies.length ? agencies : ["-"];
    q = q.where((eb) => eb.or([eb("handling_agency", "in", within), eb("receiving_agency", "in", within)]));
  }
  const rows = await q.orderBy("due_at").limit(1000).execute();
  return rows.map((r) => {
    const due = r.due_at as Date;
    // Proposed: half the legal time again, at least one working day, from the due date (or now).
    const legal = cal.workingTimeAt(due.getTime()) - cal.workingTimeAt(r.received_at.getTime());
    const proposed = extendedBy(cal, due > now ? due : now, Math.max(cal.workMsPerDay, legal / 2));
    return {
      code: r.code,
      procedureName: r.procedure_name,
      applicantName: r.applicant.name,
      handlingAgency: r.handling_agency,
      holder: { role: r.step_role, agencyCode: r.step_agency },
      dueAt: vnIso(due),
      overdue: due < now,
      draftForm04: {
        apologyVi: `Cơ quan xin lỗi ông/bà ${r.applicant.name} vì hồ sơ ${r.code} (${r.procedure_name}) chưa thể trả kết quả đúng hẹn. Lý do: …`,
        proposedDueAt: vnIso(proposed),
      },
    };
  });
}
