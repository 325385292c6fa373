import type { Insertable, Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** Inserts rows in batches that stay under PostgreSQL's 65,535 bind-parameter limit. */
export async function insertInBatches<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  onBatch?: (done: number) => void,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perRow = Object.keys(first).length;
  const size = Math.max(1, Math.floor(60_000 / perRow));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot narrow a generic table's row type; the signature above keeps callers typed.
    const batch = rows.slice(i, i + size) as Insertable<Database[keyof Database]>[];
    await (db as unknown as Kysely<Record<string, object>>).insertInto(table).values(batch).execute();
    onBatch?.(Math.min(rows.length, i + size));
  }
}
