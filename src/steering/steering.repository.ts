import { sql } from "kysely";
import { vnIso } from "../calendar/local-time.ts";
import type { Db } from "../db/database.ts";
import type { SteeringEventTable } from "../db/schema.ts";
import type { SteeringActor } from "./steering-rules.ts";

export interface SteeringCtx {
  db: Db;
  now: Date;
}
export type Actor = SteeringActor & { id: number };

/** The Vietnam calendar day of an instant: deadlines here are whole days. */
export const vnToday = (now: Date) => vnIso(now).slice(0, 10);

/** The agency and every agency above it (itself first); empty when there is no such agency. */
export async function agencyLine(db: Db, code: string): Promise<string[]> {
  const r = await sql<{ code: string }>`
    WITH RECURSIVE up AS (SELECT code, parent_code, 0 AS depth FROM agency WHERE code = ${code}
      UNION ALL SELECT a.code, a.parent_code, up.depth + 1 FROM agency a JOIN up ON a.code = up.parent_code)
    SELECT code FROM up ORDER BY depth`.execute(db);
  return r.rows.map((x) => x.code);
}

/** The agency and every agency below it: what an official of it oversees. */
export async function agencySubtree(db: Db, code: string): Promise<string[]> {
  const r = await sql<{ code: string }>`
    WITH RECURSIVE t AS (SELECT code FROM agency WHERE code = ${code}
      UNION SELECT a.code FROM agency a JOIN t ON a.parent_code = t.code)
    SELECT code FROM t`.execute(db);
  return r.rows.map((x) => x.code);
}

export interface SteeringEntry {
  type: string;
  actorId: number | null;
  at: Date;
  note?: string;
  payload?: Record<string, unknown>;
}

/** Appends to an item's journal (the table refuses updates and deletes). */
export async function appendEvent(
  tx: Db,
  entity: SteeringEventTable["entity"],
  entityId: string,
  seq: number,
  e: SteeringEntry,
): Promise<void> {
  await tx
    .insertInto("steering_event")
    .values({
      entity,
      entity_id: entityId,
      seq,
      type: e.type,
      actor_id: e.actorId,
      at: e.at,
      note: e.note ?? "",
      payload: JSON.stringify(e.payload ?? {}),
    })
    .execute();
}

/** An item's journal, oldest first, with the actor's name. */
export async function journalOf(db: Db, entity: SteeringEventTable["entity"], entityId: string) {
  const rows = await db
    .selectFrom("steering_event as e")
    .leftJoin("official as o", "o.id", "e.actor_id")
    .select(["e.seq", "e.type", "e.at", "e.note", "e.payload", "o.full_name as actorName"])
    .where("e.entity", "=", entity)
    .where("e.entity_id", "=", entityId)
    .orderBy("e.seq")
    .execute();
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), actorName: r.actorName ?? null }));
}
