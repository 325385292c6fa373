import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import { vnDay } from "../../reference/calendar/local-time.ts";
import { daysUntil, reminderKind } from "./steering-rules.ts";

interface OpenItem {
  entity: "regulation" | "finding" | "task";
  id: string;
  agency: string;
  title: string;
  due: string;
}

/**
 * Nhắc việc: once a day, each open regulation, finding and task whose deadline is near (or past)
 * gets the reminder it is owed, addressed to the responsible agency. Idempotent: a kind is kept
 * once per item, so any number of workers may run it.
 */
export async function sendDueReminders(db: Db, thresholds: readonly number[], now: Date): Promise<number> {
  const today = vnDay(now);
  const horizon = Math.max(...thresholds);
  const r = await sql<OpenItem>`
    SELECT 'regulation' AS entity, id::text, agency_code AS agency, title, due_on::text AS due FROM regulation
      WHERE status IN ('drafting', 'submitted') AND due_on <= ${today}::date + ${horizon}::int
    UNION ALL
    SELECT 'finding', id::text, owner_agency, left(description, 300), remedy_due_on::text FROM inspection_finding
      WHERE status = 'open' AND remedy_due_on <= ${today}::date + ${horizon}::int
    UNION ALL
    SELECT 'task', id::text, agency_code, title, due_on::text FROM reform_task
      WHERE status = 'open' AND due_on <= ${today}::date + ${horizon}::int`.execute(db);
  const rows = r.rows
    .map((i) => ({ i, kind: reminderKind(daysUntil(i.due, today), thresholds) }))
    .filter((x): x is { i: OpenItem; kind: string } => x.kind !== null)
    .map(({ i, kind }) => ({
      entity: i.entity,
      entity_id: i.id,
      kind,
      agency_code: i.agency,
      title: i.title,
      due_on: i.due,
      created_at: now,
    }));
  if (!rows.length) return 0;
  const added = await db
    .insertInto("steering_reminder")
    .values(rows)
    .onConflict((oc) => oc.columns(["entity", "entity_id", "kind"]).doNothing())
    .returning("id")
    .execute();
  return added.length;
}

/** The reminders addressed to these agencies, newest first (unread first). */
export async function remindersFor(db: Db, agencies: string[] | null, limit = 100) {
  const rows = await db
    .selectFrom("steering_reminder")
    .selectAll()
    .$if(agencies !== null, (b) => b.where("agency_code", "in", agencies as string[]))
    .orderBy(sql`read_at IS NOT NULL`)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((x) => ({
    id: x.id,
    entity: x.entity,
    entityId: x.entity_id,
    kind: x.kind,
    agencyCode: x.agency_code,
    title: x.title,
    dueOn: x.due_on,
    createdAt: x.created_at.toISOString(),
    read: x.read_at !== null,
  }));
}

/** Marks a reminder read, if it is addressed to one of these agencies. */
export async function markReminderRead(db: Db, id: string, agencies: string[] | null, now: Date) {
  const r = await db
    .updateTable("steering_reminder")
    .set({ read_at: now })
    .where("id", "=", id)
    .where("read_at", "is", null)
    .$if(agencies !== null, (b) => b.where("agency_code", "in", agencies as string[]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
