import { nationalHeader, type Pdf, renderPdf, title } from "../../casework/forms/form-layout.ts";
import type { FontSet } from "../../casework/forms/forms.types.ts";
import { vnNumber, vnPercent } from "../../kernel/common/vn-number.ts";
import type { Indicator } from "./indicator.types.ts";
import { type ReportData, vnDate } from "./report.types.ts";

const pct = (n: number, d: number) => (d > 0 ? vnPercent(n / d) : "—");
const change = (
  a: { numerator: number; denominator: number },
  b: { numerator: number; denominator: number },
) =>
  a.denominator > 0 && b.denominator > 0
    ? vnNumber((a.numerator / a.denominator - b.numerator / b.denominator) * 100, 2, true)
    : "—";

/** The reform report on A4: the scorecard, charts of groups and months, units, overdue work, unused procedures. */
export function reportPdf(r: ReportData, fonts: FontSet): Promise<Buffer> {
  return renderPdf("A4", fonts, (doc) => {
    nationalHeader(doc, `Ủy ban nhân dân ${r.province.name}`);
    title(
      doc,
      "BÁO CÁO KẾT QUẢ CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
      `Kỳ báo cáo ${vnDate(r.period.from)} – ${vnDate(r.period.to)}; so với cùng kỳ ${vnDate(r.lastYear.from)} – ${vnDate(r.lastYear.to)}`,
    );
    if (r.syntheticShare > 0) {
      doc
        .font("bold")
        .fillColor("#a00")
        .text(
          `Dữ liệu mẫu: ${vnPercent(r.syntheticShare, 1)} hồ sơ trong kỳ là dữ liệu tổng hợp, không phải số liệu thật.`,
        )
        .fillColor("black")
        .moveDown(0.4);
    }
    doc
      .font("bold")
      .text(
        `Tổng điểm Bộ chỉ số QĐ 766: ${vnNumber(r.total.now, 2)}/100 (cùng kỳ: ${vnNumber(r.total.lastYear, 2)})`,
      )
      .moveDown(0.4);
    indicatorTable(doc, r);
    groupChart(doc, r);
    monthChart(doc, r);
    unitTable(doc, r);
    doc
      .font("bold")
      .fontSize(10)
      .text(`Hồ sơ đang xử lý quá hạn tại ngày ${vnDate(r.period.to)}: ${r.overdueTotal}`);
    doc.font("regular").fontSize(8.5);
    for (const d of r.overdue.slice(0, 15)) {
      doc.text(
        `${d.code} — ${d.procedureName.slice(0, 80)} — ${d.handlingAgency} — hạn ${d.dueDay ? vnDate(d.dueDay) : "?"}`,
      );
    }
    doc.moveDown(0.5);
    doc
      .font("bold")
      .fontSize(10)
      .text(`Thủ tục thuộc thẩm quyền không phát sinh hồ sơ trong kỳ: ${r.withoutDemand.total}`);
    doc.font("regular").fontSize(8.5);
    for (const f of r.withoutDemand.byField.slice(0, 12)) doc.text(`${f.field}: ${f.count} thủ tục`);
    doc.moveDown(0.5);
    steeringSection(doc, r);
  });
}

/** Detailing regulations owed and overdue, reform tasks by area, inspection findings. */
function steeringSection(doc: Pdf, r: ReportData) {
  const s = r.steering;
  ensureSpace(doc, 80);
  if (s.syntheticItems > 0) {
    doc.font("bold").fontSize(9).fillColor("#a00");
    doc.text(`Dữ liệu mẫu: ${s.syntheticItems} mục về văn bản, kiểm tra, nhiệm vụ là dữ liệu tổng hợp.`);
    doc.fillColor("black");
  }
  doc
    .font("bold")
    .fontSize(10)
    .text(
      `Văn bản quy định chi tiết: phải ban hành ${s.regulations.owed}, đã ban hành ${s.regulations.issued} (trong kỳ ${s.regulations.issuedInPeriod}, ban hành muộn ${s.regulations.issuedLate}), quá hạn chưa ban hành ${s.regulations.overdue} (tính đến ${vnDate(s.asOf)})`,
    );
  doc.font("regular").fontSize(8.5);
  for (const o of s.regulations.overdueItems.slice(0, 20)) {
    doc.text(`${o.title} — ${o.agencyName} — hạn ${vnDate(o.dueOn)}, quá ${o.daysOverdue} ngày`);
  }
  doc.moveDown(0.4);
  ensureSpace(doc, 60);
  doc.font("bold").fontSize(10).text("Nhiệm vụ cải cách hành chính");
  const widths = [230, 60, 60, 60, 60];
  row(doc, ["Nội dung", "Nhiệm vụ", "Hoàn thành", "Quá hạn", "Tiến độ"], widths, true);
  for (const t of s.tasks) {
    row(doc, [t.name, String(t.total), String(t.done), String(t.overdue), `${t.progress}%`], widths);
  }
  doc.moveDown(0.4);
  const f = s.findings;
  doc
    .font("bold")
    .fontSize(10)
    .text(
      `Kiến nghị sau kiểm tra: ${f.total}; chưa khắc phục ${f.open} (quá hạn ${f.overdue}), chờ xác nhận ${f.remedied}, đã kết thúc ${f.closed}`,
    );
}

function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function row(doc: Pdf, cells: string[], widths: number[], bold = false) {
  ensureSpace(doc, 14);
  const y = doc.y;
  let x = doc.page.margins.left;
  let h = 0;
  doc.font(bold ? "bold" : "regular").fontSize(8);
  cells.forEach((c, i) => {
    const w = widths[i] ?? 40;
    doc.text(c, x, y, { width: w - 4 });
    h = Math.max(h, doc.y - y);
    x += w;
  });
  doc.y = y + h + 2;
  doc.x = doc.page.margins.left;
}

function indicatorTable(doc: Pdf, r: ReportData) {
  const defs = new Map<string, Indicator>(r.set.indicators.map((i) => [i.id, i]));
  const widths = [32, 200, 70, 70, 50, 55];
  row(doc, ["Mã", "Chỉ số", "Tỷ lệ", "Cùng kỳ", "± điểm %", "Điểm"], widths, true);
  for (const x of r.indicators) {
    const ind = defs.get(x.id) as Indicator;
    const average = ind.kind === "average-minutes";
    const days = (n: number, d: number) => (d > 0 ? `${vnNumber(n / d / 1440, 1)} ngày` : "—");
    row(
      doc,
      ind.formula === null
        ? [x.id, ind.name.vi, "chưa tính", "", "", `0/${ind.points}`]
        : [
            x.id,
            ind.name.vi,
            average ? days(x.numerator, x.denominator) : pct(x.numerator, x.denominator),
            average
              ? days(x.lastYear.numerator, x.lastYear.denominator)
              : pct(x.lastYear.numerator, x.lastYear.denominator),
            average ? "" : change(x, x.lastYear),
            `${vnNumber(x.score ?? 0, 2)}/${ind.points}`,
          ],
      widths,
    );
  }
  doc.moveDown(0.6);
}

/** Bars: each group's score against its points. */
function groupChart(doc: Pdf, r: ReportData) {
  ensureSpace(doc, 150);
  doc.font("bold").fontSize(10).text("Điểm theo nhóm chỉ số");
  const left = doc.page.margins.left + 130;
  const scale = 300 / 22; // the largest group carries 22 points
  let y = doc.y + 4;
  for (const g of r.set.groups) {
    const score = r.indicators
      .filter((i) => r.set.indicators.find((d) => d.id === i.id)?.group === g.id)
      .reduce((s, i) => s + (i.score ?? 0), 0);
    doc
      .font("regular")
      .fontSize(8)
      .fillColor("black")
      .text(g.name.vi, doc.page.margins.left, y + 2, { width: 125 });
    doc
      .rect(left, y, g.points * scale, 12)
      .fillColor("#dde5ee")
      .fill();
    doc
      .rect(left, y, score * scale, 12)
      .fillColor("#1f5f99")
      .fill();
    doc.fillColor("black").text(`${vnNumber(score, 2)} / ${g.points}`, left + g.points * scale + 6, y + 2);
    y += 18;
  }
  doc.y = y + 8;
  doc.x = doc.page.margins.left;
}

/** Line: the total score month by month. */
function monthChart(doc: Pdf, r: ReportData) {
  if (r.months.length < 2) return;
  ensureSpace(doc, 150);
  doc.font("bold").fontSize(10).text("Tổng điểm theo tháng");
  const x0 = doc.page.margins.left + 30;
  const y0 = doc.y + 110;
  const w = 420;
  const step = w / (r.months.length - 1);
  doc
    .strokeColor("#999")
    .lineWidth(0.5)
    .moveTo(x0, y0)
    .lineTo(x0 + w, y0)
    .stroke();
  doc
    .moveTo(x0, y0)
    .lineTo(x0, y0 - 100)
    .stroke();
  doc.font("regular").fontSize(7).fillColor("black");
  for (const v of [0, 50, 100]) doc.text(String(v), x0 - 24, y0 - v - 3, { width: 20, align: "right" });
  r.months.forEach((m, i) => {
    const x = x0 + i * step;
    const y = y0 - m.total;
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  });
  doc.strokeColor("#1f5f99").lineWidth(1.5).stroke();
  r.months.forEach((m, i) => {
    doc.text(m.month.slice(2).replace("-", "/"), x0 + i * step - 12, y0 + 4, { width: 24, align: "center" });
  });
  doc.strokeColor("black").lineWidth(1);
  doc.y = y0 + 20;
  doc.x = doc.page.margins.left;
}

/** The review's two rates by unit, with the change from last year, for the units with most dossiers. */
function unitTable(doc: Pdf, r: ReportData) {
  ensureSpace(doc, 80);
  doc
    .font("bold")
    .fontSize(10)
    .text(r.by === "commune" ? "Theo xã, phường (20 đơn vị nhiều hồ sơ nhất)" : "Theo cơ quan");
  const widths = [170, 50, 70, 50, 70, 50];
  row(doc, ["Đơn vị", "Hồ sơ", "KQ điện tử", "±", "Số hóa", "±"], widths, true);
  for (const u of r.units.slice(0, 20)) {
    const eNow = { numerator: u.now.p_result_e, denominator: u.now.p_result_doc };
    const eOld = { numerator: u.lastYear.p_result_e, denominator: u.lastYear.p_result_doc };
    const dNow = { numerator: u.now.r_digitised, denominator: u.now.r_total };
    const dOld = { numerator: u.lastYear.r_digitised, denominator: u.lastYear.r_total };
    row(
      doc,
      [
        u.name,
        String(u.now.r_total),
        pct(eNow.numerator, eNow.denominator),
        change(eNow, eOld),
        pct(dNow.numerator, dNow.denominator),
        change(dNow, dOld),
      ],
      widths,
    );
  }
  doc.moveDown(0.6);
}
