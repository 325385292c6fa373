import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";

/** The levels a province handles; ministry-level procedures are not its to simplify. */
export const PROVINCE_LEVELS = ["Cấp tỉnh", "Cấp xã"];

/**
 * Procedures in the province's competence with fewer than `below` dossiers received in the
 * period (zero by default): candidates for simplification, as the 2023 review observed.
 */
export async function proceduresWithoutDemand(
  db: Db,
  f: { from: Date; to: Date; below: number; limit: number },
) {
  const rows = await sql<{ code: string; name: string; field: string; levels: string[]; dossiers: string }>`
    SELECT p.code, p.name, p.field, p.levels, count(d.id)::text AS dossiers
    FROM procedure p
    LEFT JOIN dossier d ON d.procedure_code = p.code AND d.received_at >= ${f.from} AND d.received_at < ${f.to}
    WHERE p.levels && ${sql.val(PROVINCE_LEVELS)}::text[]
    GROUP BY p.code, p.name, p.field, p.levels
    HAVING count(d.id) < ${f.below}
    ORDER BY p.field, p.code`.execute(db);
  const items = rows.rows.map((r) => ({ ...r, dossiers: Number(r.dossiers) }));
  const byField = new Map<string, number>();
  for (const r of items) byField.set(r.field, (byField.get(r.field) ?? 0) + 1);
  return {
    total: items.length,
    byField: [...byField].map(([field, count]) => ({ field, count })).sort((a, b) => b.count - a.count),
    items: items.slice(0, f.limit),
  };
}
