import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { agencySubtree } from "../../reference/agencies/agencies.service.ts";
import { successorsOf } from "../../reference/units/units.service.ts";
import { kpiUnitErrors } from "./kpi.errors.ts";

/** The agencies whose dossiers a scorecard counts: a province, an agency's subtree, or a commune. */
export interface KpiUnit {
  kind: "province" | "agency" | "commune";
  code: string;
  name: string;
  /** null: every agency (the province). */
  agencies: string[] | null;
  /** An old (pre-2025) unit asked for: counted through its successors; partial when it was split. */
  via: { oldCode: string; oldName: string; newCodes: string[]; partial: boolean } | null;
}

/** Resolves a unit code: the province, an agency (with its subtree), a commune, or an old commune. */
export async function resolveKpiUnit(
  db: Db,
  provinceCode: string,
  code?: string,
): Promise<Result<KpiUnit, AppError>> {
  if (!code || code === provinceCode) {
    const p = await db
      .selectFrom("admin_unit")
      .select("full_name")
      .where("code", "=", provinceCode)
      .where("era", "=", "post2025")
      .executeTakeFirst();
    return ok({
      kind: "province",
      code: provinceCode,
      name: p?.full_name ?? provinceCode,
      agencies: null,
      via: null,
    });
  }
  const agency = await db
    .selectFrom("agency")
    .select(["code", "name"])
    .where("code", "=", code)
    .executeTakeFirst();
  if (agency) {
    const tree = await agencySubtree(db, code);
    return ok({ kind: "agency", code, name: agency.name, agencies: tree, via: null });
  }
  // Many communes kept their code in 2025; "old:" asks for the unit before the merger.
  const asked = code.startsWith("old:") ? code.slice(4) : code;
  const units = await db
    .selectFrom("admin_unit")
    .select(["code", "era", "full_name", "level"])
    .where("code", "=", asked)
    .where("level", "=", "commune")
    .execute();
  const current = asked === code ? units.find((u) => u.era === "post2025") : undefined;
  if (current) {
    return ok({
      kind: "commune",
      code,
      name: current.full_name,
      agencies: await agenciesOf(db, [code]),
      via: null,
    });
  }
  const old = units.find((u) => u.era === "pre2025");
  if (!old) return err(kpiUnitErrors.notFound(code));
  const next = await successorsOf(db, "commune", asked);
  return ok({
    kind: "commune",
    code: asked,
    name: old.full_name,
    agencies: await agenciesOf(
      db,
      next.map((n) => n.code),
    ),
    via: {
      oldCode: asked,
      oldName: old.full_name,
      newCodes: next.map((n) => n.code),
      partial: next.some((n) => n.kind === "partial"),
    },
  });
}

async function agenciesOf(db: Db, unitCodes: string[]): Promise<string[]> {
  if (unitCodes.length === 0) return [];
  const rows = await db.selectFrom("agency").select("code").where("unit_code", "in", unitCodes).execute();
  return rows.map((r) => r.code);
}
