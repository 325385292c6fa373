import ExcelJS from "exceljs";
import type { Indicator } from "./indicator.types.ts";
import { type ReportData, vnDate } from "./report.types.ts";
import { steeringSheet } from "./report-steering-xlsx.ts";
import { type Cached, COUNT, cachedOf, change, formula, printOnA4, ratio, sum } from "./xlsx-cells.ts";

const PCT = "0.00%";

/**
 * The reform report as a workbook whose rates, changes and scores are live Excel formulas, each
 * with its computed value cached beside it; every sheet prints on A4.
 */
export async function reportXlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "motcua";
  wb.created = r.generatedAt;
  indicatorsSheet(wb, r);
  unitsSheet(wb, r);
  overdueSheet(wb, r);
  demandSheet(wb, r);
  steeringSheet(wb, r, (ws, heading, width) => title(ws, r, heading, width), styleHeader);
  const trend = wb.addWorksheet("Xu hướng");
  trend.columns = [
    { header: "Tháng", key: "month", width: 12, style: { numFmt: "mm/yyyy" } },
    { header: "Hồ sơ tiếp nhận", key: "received", width: 18, style: { numFmt: COUNT } },
    { header: "Tổng điểm 766", key: "total", width: 16, style: { numFmt: "0.00" } },
  ];
  // Months as dates (the first day), so a chart or a filter orders them as time.
  for (const m of r.months) trend.addRow({ ...m, month: new Date(`${m.month}-01T00:00:00Z`) });
  styleHeader(trend.getRow(1));
  wb.eachSheet(printOnA4);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function title(ws: ExcelJS.Worksheet, r: ReportData, heading: string, width: number) {
  const lines = [
    heading,
    `${r.province.name} — kỳ báo cáo ${vnDate(r.period.from)} – ${vnDate(r.period.to)}; cùng kỳ năm trước ${vnDate(r.lastYear.from)} – ${vnDate(r.lastYear.to)}`,
    r.syntheticShare > 0
      ? `Lưu ý: ${(r.syntheticShare * 100).toFixed(1)}% hồ sơ trong kỳ là dữ liệu mẫu tổng hợp (không phải số liệu thật).`
      : `Số liệu tính từ hồ sơ trên hệ thống, lập lúc ${r.generatedAt.toISOString()}.`,
  ];
  lines.forEach((text, i) => {
    ws.mergeCells(i + 1, 1, i + 1, width);
    const c = ws.getCell(i + 1, 1);
    c.value = text;
    c.font = i === 0 ? { bold: true, size: 14 } : { italic: i === 2, size: 11 };
  });
  return lines.length + 2;
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "middle" };
  row.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
    c.border = { bottom: { style: "thin" } };
  });
}

function indicatorsSheet(wb: ExcelJS.Workbook, r: ReportData) {
  const ws = wb.addWorksheet("Chỉ số 766", { views: [{ state: "frozen", ySplit: 6 }] });
  const start = title(ws, r, "BÁO CÁO CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg)", 13);
  const head = [
    "Mã",
    "Chỉ số",
    "Nhóm",
    "Tử số",
    "Mẫu số",
    "Tỷ lệ",
    "Ngưỡng",
    "Điểm tối đa",
    "Điểm",
    "Tử số cùng kỳ",
    "Mẫu số cùng kỳ",
    "Tỷ lệ cùng kỳ",
    "Thay đổi (điểm %)",
  ];
  ws.getRow(start).values = head;
  styleHeader(ws.getRow(start));
  [7, 48, 22, 11, 11, 10, 9, 9, 9, 11, 11, 10, 12].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const groups = new Map(r.set.groups.map((g) => [g.id, g.name.vi]));
  const defs = new Map<string, Indicator>(r.set.indicators.map((i) => [i.id, i]));
  let row = start + 1;
  const scores: Cached[] = [];
  for (const x of r.indicators) {
    const ind = defs.get(x.id) as Indicator;
    const n = row;
    const computed = ind.formula !== null;
    const average = ind.kind === "average-minutes";
    ws.getRow(n).values = [x.id, ind.name.vi, groups.get(ind.group) ?? ind.group, x.numerator, x.denominator];
    // Averages (2.2) are shown in days; rates as percentages, with the threshold rule for the score.
    const per = average ? 1440 : 1;
    const now = ratio(`D${n}`, `E${n}`, x.numerator, x.denominator, per);
    const then = ratio(`J${n}`, `K${n}`, x.lastYear.numerator, x.lastYear.denominator, per);
    const threshold = ind.threshold ?? "";
    ws.getCell(`F${n}`).value = computed ? now : "chưa tính";
    ws.getCell(`G${n}`).value = threshold;
    ws.getCell(`H${n}`).value = ind.points;
    ws.getCell(`I${n}`).value =
      computed && !average
        ? formula(
            `IF(F${n}="",0,IF(G${n}="",F${n}*H${n},MIN(1,F${n}/G${n})*H${n}))`,
            x.score ?? 0, // the scoring module's figure (scoring.ts), the same rule as the formula
          )
        : 0;
    scores.push(cachedOf(ws.getCell(`I${n}`).value));
    ws.getCell(`J${n}`).value = x.lastYear.numerator;
    ws.getCell(`K${n}`).value = x.lastYear.denominator;
    ws.getCell(`L${n}`).value = computed ? then : "";
    ws.getCell(`M${n}`).value =
      computed && !average ? change(`F${n}`, `L${n}`, cachedOf(now), cachedOf(then)) : "";
    for (const c of ["D", "E", "J", "K"]) ws.getCell(`${c}${n}`).numFmt = COUNT;
    for (const c of ["F", "G", "L"]) ws.getCell(`${c}${n}`).numFmt = average && c !== "G" ? "0.0" : PCT;
    ws.getCell(`M${n}`).numFmt = "+0.00;-0.00;0.00";
    ws.getCell(`I${n}`).numFmt = "0.00";
    ws.getCell(`B${n}`).alignment = { wrapText: true };
    row++;
  }
  ws.getCell(`H${row}`).value = "Tổng";
  ws.getCell(`I${row}`).value = sum(`I${start + 1}:I${row - 1}`, scores);
  ws.getCell(`I${row}`).numFmt = "0.00";
  ws.getRow(row).font = { bold: true };
  ws.getCell(`B${row + 2}`).value =
    'Điểm từng chỉ số trong nhóm là giả định có cấu hình (config/kpi/766-v1.json); tổng điểm sáu nhóm theo QĐ 766. Chỉ số "chưa tính" chưa có dữ liệu, không được tính điểm.';
  ws.getCell(`B${row + 2}`).alignment = { wrapText: true };
}

/** The review's rates by unit: electronic results and digitisation, each with last year's and the change. */
function unitsSheet(wb: ExcelJS.Workbook, r: ReportData) {
  const ws = wb.addWorksheet(r.by === "commune" ? "Theo xã, phường" : "Theo cơ quan");
  const head = [
    "Đơn vị",
    "Hồ sơ tiếp nhận",
    "KQ là giấy tờ",
    "Có KQ điện tử",
    "Tỷ lệ KQ điện tử",
    "KQ giấy tờ cùng kỳ",
    "KQ điện tử cùng kỳ",
    "Tỷ lệ cùng kỳ",
    "Thay đổi (điểm %)",
    "Hồ sơ số hóa",
    "Tỷ lệ số hóa",
    "Tiếp nhận cùng kỳ",
    "Số hóa cùng kỳ",
    "Tỷ lệ số hóa cùng kỳ",
    "Thay đổi (điểm %)",
    "Hồ sơ xử lý trong kỳ",
    "Đúng hạn + trong hạn",
    "Tỷ lệ đúng hạn",
    "Trực tuyến (báo cáo)",
    "Trực tuyến do người nộp",
    "Chênh lệch",
    "Tỷ lệ trực tuyến thực chất",
  ];
  const start = title(ws, r, "TỶ LỆ THEO ĐƠN VỊ", head.length);
  ws.getRow(start).values = head;
  styleHeader(ws.getRow(start));
  ws.getColumn(1).width = 46;
  for (let i = 2; i <= head.length; i++) ws.getColumn(i).width = 12;
  // The counted columns of a row; the rate and change columns are formulas over them.
  type Counts = Record<"B" | "C" | "D" | "F" | "G" | "J" | "L" | "M" | "P" | "Q" | "S" | "T", number>;
  const fill = (n: number, v: Counts) => {
    const rate = (a: keyof Counts, b: keyof Counts) => ratio(`${a}${n}`, `${b}${n}`, v[a], v[b]);
    const e = rate("D", "C");
    const h = rate("G", "F");
    const k = rate("J", "B");
    const nn = rate("M", "L");
    ws.getCell(`E${n}`).value = e;
    ws.getCell(`H${n}`).value = h;
    ws.getCell(`I${n}`).value = change(`E${n}`, `H${n}`, cachedOf(e), cachedOf(h));
    ws.getCell(`K${n}`).value = k;
    ws.getCell(`N${n}`).value = nn;
    ws.getCell(`O${n}`).value = change(`K${n}`, `N${n}`, cachedOf(k), cachedOf(nn));
    ws.getCell(`R${n}`).value = rate("Q", "P");
    ws.getCell(`U${n}`).value = formula(`S${n}-T${n}`, v.S - v.T);
    ws.getCell(`V${n}`).value = rate("T", "B");
    for (const c of ["E", "H", "K", "N", "R", "V"]) ws.getCell(`${c}${n}`).numFmt = PCT;
    for (const c of ["I", "O"]) ws.getCell(`${c}${n}`).numFmt = "+0.00;-0.00;0.00";
    for (const c of [...COUNTED, "U"]) ws.getCell(`${c}${n}`).numFmt = COUNT;
  };
  const COUNTED = ["B", "C", "D", "F", "G", "J", "L", "M", "P", "Q", "S", "T"] as const;
  const rows: Counts[] = [];
  let n = start + 1;
  for (const u of r.units) {
    const a = u.now;
    const b = u.lastYear;
    const v: Counts = {
      B: a.r_total,
      C: a.p_result_doc,
      D: a.p_result_e,
      F: b.p_result_doc,
      G: b.p_result_e,
      J: a.r_digitised,
      L: b.r_total,
      M: b.r_digitised,
      P: a.p_active,
      Q: a.p_on_time + a.p_within_deadline_end,
      S: a.r_online,
      T: a.r_online_applicant,
    };
    ws.getCell(`A${n}`).value = u.name;
    for (const c of COUNTED) ws.getCell(`${c}${n}`).value = v[c];
    fill(n, v);
    rows.push(v);
    n++;
  }
  const total = n;
  ws.getCell(`A${total}`).value = "Tổng cộng";
  const totals = {} as Counts;
  for (const c of COUNTED) {
    const cells = sum(
      `${c}${start + 1}:${c}${total - 1}`,
      rows.map((v) => v[c]),
    );
    ws.getCell(`${c}${total}`).value = cells;
    totals[c] = Number(cells.result);
  }
  fill(total, totals);
  ws.getRow(total).font = { bold: true };
  ws.autoFilter = { from: { row: start, column: 1 }, to: { row: total - 1, column: head.length } };
}

function overdueSheet(wb: ExcelJS.Workbook, r: ReportData) {
  const ws = wb.addWorksheet("Hồ sơ quá hạn");
  const start = title(
    ws,
    r,
    `HỒ SƠ ĐANG XỬ LÝ QUÁ HẠN TẠI NGÀY ${vnDate(r.period.to)} (${r.overdueTotal} hồ sơ)`,
    5,
  );
  ws.getRow(start).values = ["Mã hồ sơ", "Thủ tục", "Cơ quan giải quyết", "Hạn xử lý", "Số ngày quá hạn"];
  styleHeader(ws.getRow(start));
  [30, 60, 26, 12, 14].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const end = new Date(`${r.period.to}T00:00:00Z`);
  ws.getCell(`G${start}`).value = end;
  ws.getCell(`G${start}`).numFmt = "dd/mm/yyyy";
  ws.getCell(`F${start}`).value = "Cuối kỳ:";
  let n = start + 1;
  for (const d of r.overdue) {
    ws.getRow(n).values = [
      d.code,
      d.procedureName,
      d.handlingAgency,
      d.dueDay ? new Date(`${d.dueDay}T00:00:00Z`) : null,
    ];
    ws.getCell(`D${n}`).numFmt = "dd/mm/yyyy";
    // Days overdue at the end of the period: dates are whole days, so the difference is exact.
    const days = d.dueDay
      ? Math.round((end.getTime() - Date.parse(`${d.dueDay}T00:00:00Z`)) / 86_400_000)
      : "";
    ws.getCell(`E${n}`).value = formula(`IF(D${n}="","",$G$${start}-D${n})`, days);
    n++;
  }
  if (r.overdueTotal > r.overdue.length) {
    ws.getCell(`A${n + 1}`).value =
      `Danh sách hiển thị ${r.overdue.length}/${r.overdueTotal} hồ sơ quá hạn lâu nhất.`;
  }
}

function demandSheet(wb: ExcelJS.Workbook, r: ReportData) {
  const ws = wb.addWorksheet("TTHC không phát sinh");
  const start = title(
    ws,
    r,
    `THỦ TỤC THUỘC THẨM QUYỀN KHÔNG PHÁT SINH HỒ SƠ TRONG KỲ (${r.withoutDemand.total} thủ tục)`,
    4,
  );
  ws.getRow(start).values = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện"];
  styleHeader(ws.getRow(start));
  [14, 70, 36, 24].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  let n = start + 1;
  for (const p of r.withoutDemand.items) {
    ws.getRow(n).values = [p.code, p.name, p.field, p.levels.join(", ")];
    ws.getCell(`B${n}`).alignment = { wrapText: true };
    n++;
  }
}
