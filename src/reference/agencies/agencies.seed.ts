import type { Insertable } from "kysely";
import { insertInBatches } from "../../kernel/db/batch-insert.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { AgencyTable } from "../../kernel/db/schema.ts";
import { communesOf } from "../units/units.service.ts";
import type { DeploymentBase } from "./deployment.types.ts";

/** The deployment's agencies plus a People's Committee and one-stop desk for each commune. */
export async function seedAgencies(db: Db, deployment: DeploymentBase): Promise<number> {
  const communes = await communesOf(db, deployment.provinceCode);
  const t = deployment.communeAgencies;
  const fill = (template: string, code: string, fullName: string) =>
    template.replace("{unitCode}", code).replace("{unitFullName}", fullName);
  const rows: Insertable<AgencyTable>[] = deployment.agencies.map((a, i) => ({
    code: a.code,
    name: a.name,
    kind: a.kind,
    parent_code: a.parent ?? null,
    unit_code: deployment.provinceCode,
    is_demo: deployment.demoCodes,
    sort_order: i,
  }));
  communes.forEach((c, i) => {
    const committee = fill(t.committeeCode, c.code, c.fullName);
    const order = deployment.agencies.length + i;
    rows.push(
      {
        code: committee,
        name: fill(t.committeeName, c.code, c.fullName),
        kind: "commune-committee",
        parent_code: t.parent,
        unit_code: c.code,
        is_demo: deployment.demoCodes,
        sort_order: order,
      },
      {
        code: fill(t.deskCode, c.code, c.fullName),
        name: fill(t.deskName, c.code, c.fullName),
        kind: "commune-desk",
        parent_code: committee,
        unit_code: c.code,
        is_demo: deployment.demoCodes,
        sort_order: order,
      },
    );
  });
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("agency").execute();
    // Parents before children, so the foreign key holds row by row.
    await insertInBatches(tx, "agency", rows);
  });
  return rows.length;
}
