import ExcelJS from "exceljs";
import type { Indicator } from "./indicator.types.ts";
import { type ReportData, vnDate } from "./report.types.ts";
import { steeringSheet } from "./report-steering-xlsx.ts";

const PCT = "0.00%";

/** The reform report as a workbook whose rates, changes and scores are live Excel formulas. */
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
    { header: "Tháng", key: "month", width: 12 },
    { header: "Hồ sơ tiếp nhận", key: "received", width: 18 },
    { header: "Tổng điểm 766", key: "total", width: 16, style: { numFmt: "0.00" } },
  ];
  for (const m of r.months) trend.addRow(m);
  styleHeader(trend.getRow(1));
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
  for (const x of r.indicators) {
    const ind = defs.get(x.id) as Indicator;
    const n = row;
    const computed = ind.formula !== null;
    const average = ind.kind === "average-minutes";
    ws.getRow(n).values = [x.id, ind.name.vi, groups.get(ind.group) ?? ind.group, x.numerator, x.denominator];
    // Averages (2.2) are shown in days; rates as percentages, with the threshold rule for the score.
    const rate = (num: string, den: string) =>
      average ? `IF(${den}=0,"",${num}/${den}/1440)` : `IF(${den}=0,"",${num}/${den})`;
    ws.getCell(`F${n}`).value = computed ? { formula: rate(`D${n}`, `E${n}`) } : "chưa tính";
    ws.getCell(`G${n}`).value = ind.threshold ?? "";
    ws.getCell(`H${n}`).value = ind.points;
    ws.getCell(`I${n}`).value =
      computed && !average
        ? { formula: `IF(F${n}="",0,IF(G${n}="",F${n}*H${n},MIN(1,F${n}/G${n})*H${n}))` }
        : 0;
    ws.getCell(`J${n}`).value = x.lastYear.numerator;
    ws.getCell(`K${n}`).value = x.lastYear.denominator;
    ws.getCell(`L${n}`).value = computed ? { formula: rate(`J${n}`, `K${n}`) } : "";
    ws.getCell(`M${n}`).value =
      computed && !average ? { formula: `IF(OR(F${n}="",L${n}=""),"",(F${n}-L${n})*100)` } : "";
    for (const c of ["F", "G", "L"]) ws.getCell(`${c}${n}`).numFmt = average && c !== "G" ? "0.0" : PCT;
    ws.getCell(`M${n}`).numFmt = "+0.00;-0.00;0.00";
    ws.getCell(`I${n}`).numFmt = "0.00";
    ws.getCell(`B${n}`).alignment = { wrapText: true };
    row++;
  }
  ws.getCell(`H${row}`).value = "Tổng";
  ws.getCell(`I${row}`).value = { formula: `SUM(I${start + 1}:I${row - 1})` };
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
  const ratio = (a: string, b: string, n: number) => ({ formula: `IF(${b}${n}=0,"",${a}${n}/${b}${n})` });
  const change = (a: string, b: string, n: number) => ({
    formula: `IF(OR(${a}${n}="",${b}${n}=""),"",(${a}${n}-${b}${n})*100)`,
  });
  const fill = (n: number) => {
    ws.getCell(`E${n}`).value = ratio("D", "C", n);
    ws.getCell(`H${n}`).value = ratio("G", "F", n);
    ws.getCell(`I${n}`).value = change("E", "H", n);
    ws.getCell(`K${n}`).value = ratio("J", "B", n);
    ws.getCell(`N${n}`).value = ratio("M", "L", n);
    ws.getCell(`O${n}`).value = change("K", "N", n);
    ws.getCell(`R${n}`).value = ratio("Q", "P", n);
    ws.getCell(`U${n}`).value = { formula: `S${n}-T${n}` };
    ws.getCell(`V${n}`).value = ratio("T", "B", n);
    for (const c of ["E", "H", "K", "N", "R", "V"]) ws.getCell(`${c}${n}`).numFmt = PCT;
    for (const c of ["I", "O"]) ws.getCell(`${c}${n}`).numFmt = "+0.00;-0.00;0.00";
  };
  let n = start + 1;
  for (const u of r.units) {
    const a = u.now;
    const b = u.lastYear;
    ws.getRow(n).values = [
      u.name,
      a.r_total,
      a.p_result_doc,
      a.p_result_e,
      null,
      b.p_result_doc,
      b.p_result_e,
      null,
      null,
      a.r_digitised,
      null,
      b.r_total,
      b.r_digitised,
      null,
      null,
      a.p_active,
      a.p_on_time + a.p_within_deadline_end,
      null,
      a.r_online,
      a.r_online_applicant,
    ];
    fill(n);
    n++;
  }
  const total = n;
  ws.getCell(`A${total}`).value = "Tổng cộng";
  for (const c of ["B", "C", "D", "F", "G", "J", "L", "M", "P", "Q", "S", "T"]) {
    ws.getCell(`${c}${total}`).value = { formula: `SUM(${c}${start + 1}:${c}${total - 1})` };
  }
  fill(total);
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
    ws.getCell(`E${n}`).value = { formula: `IF(D${n}="","",$G$${start}-D${n})` };
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
