import { sql } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { canonicalUnitName } from "./unit-names.ts";
import { unitErrors } from "./units.errors.ts";

export interface UnitView {
  code: string;
  era: "pre2025" | "post2025";
  level: string;
  name: string;
  fullName: string;
  nameEn: string;
  unitType: string;
  parentCode: string | null;
  provinceCode: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitLink {
  code: string;
  fullName: string;
  /** full: the whole old unit went here; partial: the old unit was split. */
  kind: "full" | "partial";
}

export interface UnitWithHistory extends UnitView {
  successors: UnitLink[];
  predecessors: UnitLink[];
}

const unitColumns = [
  "code",
  "era",
  "level",
  "name",
  "full_name as fullName",
  "name_en as nameEn",
  "unit_type as unitType",
  "parent_code as parentCode",
  "province_code as provinceCode",
  "valid_from as validFrom",
  "valid_to as validTo",
] as const;

/** Every unit that has carried this code (old and new), with its succession links. */
export async function findUnit(db: Db, code: string): Promise<Result<UnitWithHistory[], AppError>> {
  if (!/^\d{2,5}$/.test(code)) return err(unitErrors.badCode(code));
  const units = await db
    .selectFrom("admin_unit")
    .select(unitColumns)
    .where("code", "=", code)
    .orderBy("era")
    .execute();
  if (units.length === 0) return err(unitErrors.notFound(code));
  const out: UnitWithHistory[] = [];
  for (const u of units) {
    const level = u.level === "province" ? "province" : "commune";
    out.push({
      ...u,
      successors: u.era === "pre2025" && u.level !== "district" ? await successorsOf(db, level, u.code) : [],
      predecessors: u.era === "post2025" ? await predecessorsOf(db, level, u.code) : [],
    });
  }
  return ok(out);
}

/** Which way a succession link is followed. */
export type LinkDirection = "successors" | "predecessors";

/**
 * successors: "what is this old commune now?" (one or more new units);
 * predecessors: "what did this new commune come from?".
 */
export async function linkedUnits(
  db: Db,
  direction: LinkDirection,
  level: "province" | "commune",
  code: string,
): Promise<UnitLink[]> {
  const [from, to, era] =
    direction === "successors"
      ? (["old_code", "new_code", "post2025"] as const)
      : (["new_code", "old_code", "pre2025"] as const);
  return db
    .selectFrom("unit_succession as s")
    .leftJoin("admin_unit as u", (j) =>
      j.onRef("u.code", "=", `s.${to}`).on("u.era", "=", era).on("u.level", "=", level),
    )
    .select([`s.${to} as code`, sql<string>`coalesce(u.full_name, '')`.as("fullName"), "s.kind"])
    .where("s.level", "=", level)
    .where(`s.${from}`, "=", code)
    .orderBy(`s.${to}`)
    .execute();
}

export const successorsOf = (db: Db, level: "province" | "commune", oldCode: string) =>
  linkedUnits(db, "successors", level, oldCode);
export const predecessorsOf = (db: Db, level: "province" | "commune", newCode: string) =>
  linkedUnits(db, "predecessors", level, newCode);

/** Units whose name matches, with or without diacritics and in either tone-mark style. */
export async function searchUnits(
  db: Db,
  q: string,
  opts: { era?: string; province?: string; limit?: number },
) {
  const key = canonicalUnitName(q);
  let query = db
    .selectFrom("admin_unit")
    .select(unitColumns)
    .where(sql<boolean>`f_unaccent(name_key) LIKE '%' || f_unaccent(${key}) || '%'`);
  if (opts.era) query = query.where("era", "=", opts.era as UnitView["era"]);
  if (opts.province) query = query.where("province_code", "=", opts.province);
  return query
    .orderBy(sql`(name_key = ${key})`, "desc")
    .orderBy(sql`length(name_key)`)
    .orderBy("code")
    .limit(opts.limit ?? 20)
    .execute();
}

/** The communes of a province after 2025, for agency seeding and pickers. */
export async function communesOf(db: Db, provinceCode: string): Promise<UnitView[]> {
  return db
    .selectFrom("admin_unit")
    .select(unitColumns)
    .where("era", "=", "post2025")
    .where("level", "=", "commune")
    .where("province_code", "=", provinceCode)
    .orderBy("code")
    .execute();
}
