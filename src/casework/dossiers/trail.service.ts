import type { Selectable } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import type { DossierTable } from "../../kernel/db/schema.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { ProcessDefinition } from "../../reference/processes/process.types.ts";
import { FINAL_STATUSES } from "./dossier-status.ts";
import { buildTrail, type Trail, type TrailAction } from "./trail.ts";

/** The journal with actors' names, each entry knowing who held the dossier after it. */
export async function trailActions(
  db: Db,
  d: Selectable<DossierTable>,
  process: ProcessDefinition,
): Promise<TrailAction[]> {
  const rows = await db
    .selectFrom("dossier_action as a")
    .leftJoin("official as o", "o.id", "a.actor_id")
    .select(["a.seq", "a.type", "a.at", "a.actor_agency", "a.step_key", "a.step_due_at", "o.full_name"])
    .where("a.dossier_id", "=", d.id)
    .orderBy("a.seq")
    .execute();
  return rows.map((r) => {
    const step = process.steps.find((s) => s.key === r.step_key);
    return {
      seq: r.seq,
      type: r.type,
      at: r.at,
      actorName: r.full_name ?? r.actor_agency,
      actorAgency: r.actor_agency,
      stepKey: r.step_key,
      stepDueAt: r.step_due_at,
      holderRole: step?.role ?? "desk",
      holderAgency: step?.agency === "handling" ? d.handling_agency : d.receiving_agency,
    };
  });
}

export async function dossierTrail(
  db: Db,
  cal: WorkCalendar,
  d: Selectable<DossierTable>,
  process: ProcessDefinition,
  now: Date,
): Promise<Trail> {
  return buildTrail(
    cal,
    process.steps,
    await trailActions(db, d, process),
    now,
    !FINAL_STATUSES.has(d.status),
  );
}
