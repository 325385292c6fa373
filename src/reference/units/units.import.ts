import { readFile } from "node:fs/promises";
import type { Insertable } from "kysely";
import { dataDir } from "../../kernel/config/paths.ts";
import { insertInBatches } from "../../kernel/db/batch-insert.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { AdminUnitTable, UnitSuccessionTable } from "../../kernel/db/schema.ts";
import { canonicalUnitName } from "./unit-names.ts";

export const UNIT_SOURCES = [
  `${dataDir}units/thanglequoc/post2025-34-provinces.json`,
  `${dataDir}units/thanglequoc/pre2025-63-provinces.json`,
  `${dataDir}units/dvhcvn/splits.json`,
  `${dataDir}units/dvhcvn/merges.json`,
];

/** The day the two-tier local government took effect (Resolution 202/2025/QH15). */
export const REORGANISATION_DATE = "2025-07-01";
const LAST_DAY_BEFORE = "2025-06-30";

type Row = Insertable<AdminUnitTable>;
interface SourceUnit {
  Code: string;
  Name: string;
  FullName: string;
  NameEn: string;
  AdministrativeUnitShortName?: string;
}

function unitRow(
  u: SourceUnit,
  rest: Pick<AdminUnitTable, "era" | "level" | "parent_code" | "province_code">,
): Row {
  const validFrom = rest.era === "post2025" ? REORGANISATION_DATE : null;
  const validTo = rest.era === "pre2025" ? LAST_DAY_BEFORE : null;
  const unitType =
    u.AdministrativeUnitShortName ?? u.FullName.slice(0, u.FullName.length - u.Name.length).trim();
  return {
    code: u.Code,
    name: u.Name,
    full_name: u.FullName,
    name_en: u.NameEn,
    unit_type: unitType,
    name_key: canonicalUnitName(u.FullName),
    valid_from: validFrom,
    valid_to: validTo,
    ...rest,
  };
}

export async function readUnitRows(): Promise<Row[]> {
  const [post, pre] = await Promise.all(
    UNIT_SOURCES.slice(0, 2).map(async (f) => JSON.parse(await readFile(f, "utf8"))),
  );
  const rows: Row[] = [];
  for (const p of post as (SourceUnit & { Wards: SourceUnit[] })[]) {
    const province = { era: "post2025", province_code: p.Code } as const;
    rows.push(unitRow(p, { ...province, level: "province", parent_code: null }));
    for (const w of p.Wards) rows.push(unitRow(w, { ...province, level: "commune", parent_code: p.Code }));
  }
  for (const p of pre as (SourceUnit & { District: (SourceUnit & { Ward?: SourceUnit[] })[] })[]) {
    const province = { era: "pre2025", province_code: p.Code } as const;
    rows.push(unitRow(p, { ...province, level: "province", parent_code: null }));
    for (const d of p.District) {
      rows.push(unitRow(d, { ...province, level: "district", parent_code: p.Code }));
      for (const w of d.Ward ?? [])
        rows.push(unitRow(w, { ...province, level: "commune", parent_code: d.Code }));
    }
  }
  return rows;
}

interface SplitFile {
  data: {
    level1_id: string;
    splits: { new_id: string }[];
    level3s: { level3_id: string; splits: { new_id: string }[] }[];
  }[];
}
interface MergeFile {
  data: {
    level1_id: string;
    merges: { old_id: string; type: string }[];
    level2s: { level2_id: string; merges: { old_id: string; type: string }[] }[];
  }[];
}

/** Old → new links from splits.json, typed full/partial by merges.json (the new side's view). */
export async function readSuccessionRows(): Promise<UnitSuccessionTable[]> {
  const splits = JSON.parse(await readFile(UNIT_SOURCES[2] ?? "", "utf8")) as SplitFile;
  const merges = JSON.parse(await readFile(UNIT_SOURCES[3] ?? "", "utf8")) as MergeFile;
  const kinds = new Map<string, "full" | "partial">();
  for (const p of merges.data) {
    for (const m of p.merges)
      kinds.set(`province:${m.old_id}>${p.level1_id}`, m.type === "partial" ? "partial" : "full");
    for (const c of p.level2s) {
      for (const m of c.merges)
        kinds.set(`commune:${m.old_id}>${c.level2_id}`, m.type === "partial" ? "partial" : "full");
    }
  }
  const seen = new Set<string>();
  const rows: UnitSuccessionTable[] = [];
  const add = (level: "province" | "commune", oldCode: string, newCode: string, many: boolean) => {
    const key = `${level}:${oldCode}>${newCode}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({
      level,
      old_code: oldCode,
      new_code: newCode,
      kind: kinds.get(key) ?? (many ? "partial" : "full"),
    });
  };
  for (const p of splits.data) {
    for (const s of p.splits) add("province", p.level1_id, s.new_id, p.splits.length > 1);
    for (const c of p.level3s)
      for (const s of c.splits) add("commune", c.level3_id, s.new_id, c.splits.length > 1);
  }
  return rows;
}

export async function importUnits(db: Db): Promise<{ units: number; links: number }> {
  const [units, links] = await Promise.all([readUnitRows(), readSuccessionRows()]);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("unit_succession").execute();
    await tx.deleteFrom("admin_unit").execute();
    await insertInBatches(tx, "admin_unit", units);
    await insertInBatches(tx, "unit_succession", links);
  });
  return { units: units.length, links: links.length };
}
