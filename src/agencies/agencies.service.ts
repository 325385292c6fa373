import type { Db } from "../db/database.ts";

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
