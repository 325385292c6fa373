import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// An outside judge for workbooks: openpyxl (Debian's python3-openpyxl) reads what a reader that
// does not calculate sees, the way pandas and BI importers read a file.
// Debian's python first: a python from pyenv or a venv may lack the package.
const python = ["/usr/bin/python3", "python3"].find(
  (p) => spawnSync(p, ["-c", "import openpyxl"]).status === 0,
);
export const hasOpenpyxl = python !== undefined;

const SCRIPT = `
import json, sys, datetime, openpyxl
path = sys.argv[1]
formulas = openpyxl.load_workbook(path)
values = openpyxl.load_workbook(path, data_only=True)
out = {}
for ws in formulas.worksheets:
    vs = values[ws.title]
    cells = []
    for row in ws.iter_rows():
        for c in row:
            v = vs[c.coordinate].value
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = {"date": v.isoformat()}
            if c.value is not None:
                cells.append({"ref": c.coordinate, "formula": c.value if isinstance(c.data_type, str) and c.data_type == "f" else None, "value": v, "format": c.number_format})
    out[ws.title] = {"paperSize": ws.page_setup.paperSize, "orientation": ws.page_setup.orientation, "cells": cells}
print(json.dumps(out, default=str))
`;

export interface JudgedCell {
  ref: string;
  formula: string | null;
  value: number | string | { date: string } | null;
  format: string;
}
export type JudgedWorkbook = Record<
  string,
  { paperSize: string | number | null; orientation: string | null; cells: JudgedCell[] }
>;

/** What openpyxl reads from a workbook: each sheet's page setup, and each cell's formula and cached value. */
export function readWithOpenpyxl(xlsx: Buffer): JudgedWorkbook {
  const path = join(mkdtempSync(join(tmpdir(), "motcua-xlsx-")), "report.xlsx");
  writeFileSync(path, xlsx);
  return JSON.parse(
    execFileSync(python ?? "python3", ["-c", SCRIPT, path], { encoding: "utf8" }),
  ) as JudgedWorkbook;
}
