import type { Db } from "../../kernel/db/database.ts";
import type { SteeringEventTable } from "../../kernel/db/schema.ts";
import type { SteeringActor } from "./steering-rules.ts";

export interface SteeringCtx {
  db: Db;
  now: Date;
}
export type Actor = SteeringActor & { id: number };

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

/** Inserts a register item and its first journal entry, in one transaction. */
export async function createWithJournal(
  db: Db,
  entity: SteeringEventTable["entity"],
  insert: (tx: Db) => Promise<{ id: string }>,
  first: SteeringEntry,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { id } = await insert(tx);
    await appendEvent(tx, entity, id, 1, first);
    return id;
  });
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
