import { readdir } from "node:fs/promises";
import ExcelJS from "exceljs";
import { dataDir } from "../../kernel/config/paths.ts";
import { type MinistryListRow, parseMinistryListRow } from "./ministry-lists.ts";

export const MINISTRY_LISTS_DIR = `${dataDir}catalog/ministry-lists-xlsx/`;

/** The portal's own "DANH SÁCH THỦ TỤC HÀNH CHÍNH" exports, one workbook per ministry. */
export async function readMinistryLists(dir = MINISTRY_LISTS_DIR): Promise<MinistryListRow[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".xlsx")).sort();
  const rows: MinistryListRow[] = [];
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${dir}${file}`);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        const cells = (row.values as unknown[]).slice(1).map((v) => (typeof v === "string" ? v : ""));
        const parsed = parseMinistryListRow(cells, file);
        if (parsed) rows.push(parsed);
      });
    }
  }
  return rows;
}
