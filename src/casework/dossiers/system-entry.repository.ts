import type { Db } from "../../kernel/db/database.ts";
import { appendSystemEntry as appendIn, type SystemEntry } from "./journal.repository.ts";

/**
 * A journal entry motcua writes itself (a national system answered), with the projection change
 * that goes with it, in a transaction of its own. The status stays unless `toStatus` says otherwise.
 */
export async function appendSystemEntry(
  db: Db,
  dossierId: string,
  entry: SystemEntry,
  now: Date,
): Promise<number> {
  return db.transaction().execute((tx) => appendIn(tx, dossierId, entry, now));
}
