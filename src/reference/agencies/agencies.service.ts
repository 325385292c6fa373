import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";

export interface AgencyQuery {
  parent?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** One level of the agency tree (the top when no parent), or a name search across it. */
export async function listAgencies(db: Db, { parent, q, limit, offset }: AgencyQuery) {
  let query = db
    .selectFrom("agency")
    .select([
      "code",
      "name",
      "kind",
      "parent_code as parentCode",
      "unit_code as unitCode",
      "is_demo as isDemo",
    ]);
  if (parent) query = query.where("parent_code", "=", parent);
  else if (!q) query = query.where("parent_code", "is", null);
  if (q) {
    query = query.where((eb) =>
      eb(
        eb.fn("f_unaccent", [eb.fn("lower", ["name"])]),
        "like",
        eb.fn("f_unaccent", [eb.val(`%${q.toLowerCase()}%`)]),
      ),
    );
  }
  return query.orderBy("sort_order").orderBy("code").limit(limit).offset(offset).execute();
}

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
