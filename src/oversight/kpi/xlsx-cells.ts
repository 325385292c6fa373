import type ExcelJS from "exceljs";

// A formula cell carries its value as Excel would compute it, so that whatever reads values
// without calculating (pandas, mail and phone previews, BI importers) sees the numbers.
// Each helper below writes the formula and computes the same thing from the same inputs.

/** A cell value: a number, or "" where the formula yields an empty text. */
export type Cached = number | string;

export const formula = (text: string, result: Cached): ExcelJS.CellFormulaValue => ({
  formula: text,
  result,
});

/** `IF(den=0,"",num/den)`, divided further when the rate is shown in other units. */
export function ratio(numRef: string, denRef: string, num: number, den: number, per = 1) {
  const divide = per === 1 ? "" : `/${per}`;
  return formula(`IF(${denRef}=0,"",${numRef}/${denRef}${divide})`, den === 0 ? "" : num / den / per);
}

/** The change in percentage points between two rates, empty when either is. */
export function change(aRef: string, bRef: string, a: Cached, b: Cached) {
  return formula(
    `IF(OR(${aRef}="",${bRef}=""),"",(${aRef}-${bRef})*100)`,
    a === "" || b === "" ? "" : (Number(a) - Number(b)) * 100,
  );
}

export function sum(rangeRef: string, values: readonly Cached[]) {
  return formula(
    `SUM(${rangeRef})`,
    values.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0),
  );
}

/** What Excel keeps for a formula value: its cached result, or the value itself. */
export const cachedOf = (v: ExcelJS.CellValue): Cached => {
  if (typeof v === "number" || typeof v === "string") return v;
  if (v && typeof v === "object" && "formula" in v) return (v.result as Cached | undefined) ?? "";
  return "";
};

/** A4, landscape, fitted to the page width: how a report is printed in a Vietnamese office. */
export function printOnA4(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** Counts with a thousands separator (rendered as 1.234 in a Vietnamese locale). */
export const COUNT = "#,##0";
