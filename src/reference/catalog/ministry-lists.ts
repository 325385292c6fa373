import type { ParseProblem } from "./catalog.types.ts";

/** One row of a ministry's list: Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực. */
export interface MinistryListRow {
  code: string;
  name: string;
  issuingBody: string;
  implementingAgencies: string[];
  field: string;
  file: string;
}

/** Data rows only: the title block and the header row have no procedure code in column 1. */
export function parseMinistryListRow(cells: string[], file: string): MinistryListRow | null {
  const [code, name, issuer, agencies, field] = cells.map((c) => c.trim());
  if (!code || !/^\d\.\d{6}$/.test(code)) return null;
  return {
    code,
    name: name ?? "",
    issuingBody: issuer ?? "",
    implementingAgencies: (agencies ?? "")
      .split(/\n+/)
      .map((a) => a.trim())
      .filter(Boolean),
    field: field ?? "",
    file,
  };
}

const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

/** Codes in one source but not the other, and names that disagree, as report warnings. */
export function crossCheck(crawlNames: Map<string, string>, lists: MinistryListRow[]): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const listed = new Map(lists.map((r) => [r.code, r]));
  for (const [code, name] of crawlNames) {
    const row = listed.get(code);
    if (!row)
      problems.push({
        code,
        field: "xlsx",
        problem: "in the crawl but not in the ministry lists",
        severity: "warning",
      });
    else if (squash(row.name) !== squash(name)) {
      problems.push({
        code,
        field: "xlsx",
        problem: `name differs in ${row.file}: "${row.name.trim()}"`,
        severity: "warning",
      });
    }
  }
  for (const code of listed.keys()) {
    if (!crawlNames.has(code))
      problems.push({
        code,
        field: "xlsx",
        problem: "in the ministry lists but not in the crawl",
        severity: "warning",
      });
  }
  return problems;
}
