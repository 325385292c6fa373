import type { ColumnType, Generated, JSONColumnType } from "kysely";
import type { ChannelRow, Procedure } from "../catalog/catalog.types.ts";

/** Đơn vị hành chính, before or after the 1 July 2025 reorganisation. */
export interface AdminUnitTable {
  id: Generated<number>;
  code: string;
  era: "pre2025" | "post2025";
  level: "province" | "district" | "commune";
  name: string;
  full_name: string;
  name_en: string;
  unit_type: string;
  parent_code: string | null;
  province_code: string;
  /** Lower-case, tone marks in the modern position ("hòa", not "hoà"), for matching. */
  name_key: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** Old → new unit links from the 2025 resolutions; "partial" means the old unit was split. */
export interface UnitSuccessionTable {
  level: "province" | "commune";
  old_code: string;
  new_code: string;
  kind: "full" | "partial";
}

export interface AgencyTable {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  unit_code: string | null;
  is_demo: boolean;
  sort_order: number;
}

export interface ProcedureTable {
  code: string;
  name: string;
  field: string;
  levels: string[];
  ministry: string;
  decision_number: string;
  procedure_type: string;
  applicant_types: string[];
  competent_agency: string;
  issuing_body: Generated<string>;
  implementing_agencies: Generated<string[]>;
  channels: JSONColumnType<ChannelRow[]>;
  components: JSONColumnType<Procedure["components"]>;
  results: JSONColumnType<Procedure["results"]>;
  legal_basis: JSONColumnType<Procedure["legalBasis"]>;
  detail_url: string;
  /** The crawled record as published, kept beside the parsed fields. */
  raw: JSONColumnType<Record<string, unknown>>;
}

/** The narrow copy search reads: code, name and field, unaccented and lower-cased. */
export interface ProcedureSearchTable {
  code: string;
  name: string;
  field: string;
  levels: string[];
  search_text: string;
}

export interface ProcedureResultTable {
  result_code: string;
  procedure_code: string;
  name: string;
}

export interface CatalogParseProblemTable {
  procedure_code: string;
  field: string;
  problem: string;
  severity: "error" | "warning";
}

export interface SpecialDayTable {
  date: ColumnType<string, string, string>;
  working: boolean;
  kind: string;
  name_vi: string;
  name_en: string;
  confidence: string;
  source: string;
  /** "data" from the bundled schedule, "override" from an administrator. */
  origin: "data" | "override";
}

export interface ImportRunTable {
  kind: string;
  source_hash: string;
  finished_at: ColumnType<Date, Date | string, Date | string>;
  stats: JSONColumnType<Record<string, unknown>>;
}

export interface Database {
  admin_unit: AdminUnitTable;
  unit_succession: UnitSuccessionTable;
  agency: AgencyTable;
  procedure: ProcedureTable;
  procedure_search: ProcedureSearchTable;
  procedure_result: ProcedureResultTable;
  catalog_parse_problem: CatalogParseProblemTable;
  special_day: SpecialDayTable;
  import_run: ImportRunTable;
}
