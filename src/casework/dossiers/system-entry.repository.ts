import type { Updateable } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import type { DossierTable } from "../../kernel/db/schema.ts";
import { refreshKpi } from "../kpi-facts/facts.repository.ts";
import type { DossierStatus } from "./dossier-status.ts";

/**
 * A journal entry motcua writes itself (a national system answered), with the projection change
 * that goes with it, in one transaction. The status stays unless `toStatus` says otherwise.
 */
export async function appendSystemEntry(
  db: Db,
  dossierId: string,
  entry: {
    type: string;
    note: string;
    payload?: Record<string, unknown>;
    set?: Updateable<DossierTable>;
    toStatus?: DossierStatus;
    dvcqgStatus?: number;
  },
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
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
  });
}
