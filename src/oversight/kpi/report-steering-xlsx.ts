import type ExcelJS from "exceljs";
import { type ReportData, vnDate } from "./report.types.ts";
import { ratio, sum } from "./xlsx-cells.ts";

/**
 * Chỉ đạo điều hành: detailing regulations owed and overdue by agency, the overdue list, reform
 * tasks by area and inspection findings. Totals and rates are formulas over the rows above them, with their values cached.
 */
export function steeringSheet(
  wb: ExcelJS.Workbook,
  r: ReportData,
  title: (ws: ExcelJS.Worksheet, heading: string, width: number) => number,
  styleHeader: (row: ExcelJS.Row) => void,
) {
  const s = r.steering;
  const ws = wb.addWorksheet("Chỉ đạo điều hành");
  let n = title(ws, `VĂN BẢN QUY ĐỊNH CHI TIẾT, NHIỆM VỤ CCHC VÀ KIỂM TRA (tính đến ${vnDate(s.asOf)})`, 6);
  if (s.syntheticItems > 0) {
    ws.getCell(`A${n}`).value =
      `Lưu ý: ${s.syntheticItems} mục trong các sổ theo dõi dưới đây là dữ liệu mẫu.`;
    ws.getCell(`A${n}`).font = { italic: true, color: { argb: "FFAA0000" } };
    n += 2;
  }
  [44, 14, 14, 14, 16, 30].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  ws.getRow(n).values = [
    "Cơ quan chủ trì soạn thảo",
    "Phải ban hành",
    "Đã ban hành",
    "Quá hạn",
    "Tỷ lệ đã ban hành",
  ];
  styleHeader(ws.getRow(n));
  const first = ++n;
  for (const a of s.regulations.byAgency) {
    ws.getRow(n).values = [a.name, a.owed, a.issued, a.overdue];
    ws.getCell(`E${n}`).value = ratio(`C${n}`, `B${n}`, a.issued, a.owed);
    ws.getCell(`E${n}`).numFmt = "0.00%";
    n++;
  }
  const byAgency = s.regulations.byAgency;
  const owed = sum(
    `B${first}:B${n - 1}`,
    byAgency.map((a) => a.owed),
  );
  const issued = sum(
    `C${first}:C${n - 1}`,
    byAgency.map((a) => a.issued),
  );
  ws.getRow(n).values = [
    "Tổng",
    owed,
    issued,
    sum(
      `D${first}:D${n - 1}`,
      byAgency.map((a) => a.overdue),
    ),
  ];
  ws.getCell(`E${n}`).value = ratio(`C${n}`, `B${n}`, Number(issued.result), Number(owed.result));
  ws.getCell(`E${n}`).numFmt = "0.00%";
  ws.getRow(n).font = { bold: true };
  n += 2;

  ws.getCell(`A${n}`).value = `Văn bản quá hạn chưa ban hành (${s.regulations.overdue})`;
  ws.getCell(`A${n}`).font = { bold: true };
  n++;
  ws.getRow(n).values = ["Tên văn bản", "Hạn ban hành", "Số ngày quá hạn", "", "", "Cơ quan chủ trì"];
  styleHeader(ws.getRow(n));
  n++;
  for (const o of s.regulations.overdueItems) {
    ws.getRow(n).values = [
      `${o.title} (${o.legalBasis})`,
      new Date(`${o.dueOn}T00:00:00Z`),
      o.daysOverdue,
      "",
      "",
      o.agencyName,
    ];
    ws.getCell(`B${n}`).numFmt = "dd/mm/yyyy";
    ws.getCell(`A${n}`).alignment = { wrapText: true };
    n++;
  }
  n++;

  ws.getCell(`A${n}`).value = "Nhiệm vụ cải cách hành chính theo 6 nội dung";
  ws.getCell(`A${n}`).font = { bold: true };
  n++;
  ws.getRow(n).values = [
    "Nội dung",
    "Nhiệm vụ",
    "Hoàn thành",
    "Quá hạn",
    "Tỷ lệ hoàn thành",
    "Tiến độ bình quân",
  ];
  styleHeader(ws.getRow(n));
  n++;
  for (const t of s.tasks) {
    ws.getRow(n).values = [t.name, t.total, t.done, t.overdue];
    ws.getCell(`E${n}`).value = ratio(`C${n}`, `B${n}`, t.done, t.total);
    ws.getCell(`E${n}`).numFmt = "0.00%";
    ws.getCell(`F${n}`).value = t.progress / 100;
    ws.getCell(`F${n}`).numFmt = "0%";
    n++;
  }
  n++;

  const f = s.findings;
  ws.getCell(`A${n}`).value = "Kiến nghị sau kiểm tra";
  ws.getCell(`A${n}`).font = { bold: true };
  n++;
  ws.getRow(n).values = ["Tổng số", "Chưa khắc phục", "Chờ xác nhận", "Đã kết thúc", "Quá hạn khắc phục"];
  styleHeader(ws.getRow(n));
  ws.getRow(n + 1).values = [f.total, f.open, f.remedied, f.closed, f.overdue];
}
