/**
 * What the aggregates count, per day and agency. `r_` measures sit at the receiving agency on the
 * day of reception; `p_` measures at the competent (handling) agency on the day the event happened.
 */
export const MEASURES = [
  "r_total", // hồ sơ tiếp nhận
  "r_withdrawn", // công dân rút
  "r_synced", // đã đồng bộ lên Cổng DVCQG
  "r_online", // kênh trực tuyến (như báo cáo)
  "r_online_applicant", // trực tuyến do chính người nộp thực hiện
  "r_online_eresult", // trực tuyến và có kết quả điện tử (toàn trình)
  "r_fee", // có phí, lệ phí
  "r_paid_online", // thanh toán trực tuyến
  "r_digitised", // được số hóa
  "r_reused", // tái sử dụng dữ liệu
  "r_population", // dùng dữ liệu dân cư
  "p_start", // vào xử lý (không tính hồ sơ rút)
  "p_finished", // hoàn thành
  "p_on_time", // hoàn thành đúng hạn hoặc trước hạn
  "p_minutes", // tổng phút từ tiếp nhận đến hoàn thành
  "p_result_doc", // kết quả là giấy tờ
  "p_result_e", // kết quả điện tử có ký số
  "p_due", // hạn xử lý (để tính hồ sơ quá hạn còn mở)
  "p_due_cleared", // ngày muộn hơn giữa hạn và hoàn thành
  "p_disliked", // hoàn thành nhưng bị phản ánh hoặc "không hài lòng"
  "f_received", // phản ánh, kiến nghị tiếp nhận (tại cơ quan chịu trách nhiệm)
  "f_finished", // đã trả lời
  "f_on_time", // trả lời đúng hạn
  "f_due", // hạn trả lời
  "f_due_cleared", // ngày muộn hơn giữa hạn và trả lời
] as const;
export type Measure = (typeof MEASURES)[number];
export type MeasureVector = Record<Measure, number>;

const ZERO = Object.fromEntries(MEASURES.map((m) => [m, 0])) as MeasureVector;

export function emptyVector(): MeasureVector {
  return { ...ZERO };
}

export function addInto(into: MeasureVector, v: Partial<MeasureVector>, sign = 1): MeasureVector {
  // Only the measures a contribution names (a handful), not all of them: rebuilds add millions.
  for (const m in v) into[m as Measure] += sign * (v[m as Measure] ?? 0);
  return into;
}

/**
 * The figures a formula may name, for a period [from, to] and a set of units. Built from the
 * period's sums and the running totals up to the period's edges (see periodFigures).
 */
export const PERIOD_FIGURES = [
  ...MEASURES.filter((m) => !m.startsWith("p_due") && !m.startsWith("f_due")),
  "p_active", // tiếp nhận hoặc xử lý trong kỳ: còn mở đầu kỳ + tiếp nhận trong kỳ
  "p_open_end", // còn mở cuối kỳ
  "p_overdue_open_end", // còn mở và quá hạn cuối kỳ
  "p_within_deadline_end", // đang xử lý trong hạn cuối kỳ
  "p_late", // hoàn thành quá hạn trong kỳ
  "f_active", // PAKN tiếp nhận hoặc xử lý trong kỳ
  "f_within_deadline_end", // PAKN đang xử lý trong hạn cuối kỳ
  "c_in_competence", // thủ tục thuộc thẩm quyền (danh mục)
  "c_online_capable", // thủ tục có kênh trực tuyến (danh mục)
] as const;
export type PeriodFigure = (typeof PERIOD_FIGURES)[number];
export type PeriodFigures = Record<PeriodFigure, number>;

/** The sums the store gives for a period: inside it, and running totals up to its edges. */
export interface PeriodSums {
  inPeriod: MeasureVector;
  /** Everything before the period's first day. */
  beforeStart: MeasureVector;
  /** Everything up to and including the period's last day. */
  throughEnd: MeasureVector;
  catalogue: { inCompetence: number; onlineCapable: number };
}

/** The only running totals periodFigures reads: the store sums just these over all history. */
export const RUNNING_BEFORE_START: readonly Measure[] = ["p_finished", "f_finished"];
export const RUNNING_THROUGH_END: readonly Measure[] = [
  "p_start",
  "p_finished",
  "p_due",
  "p_due_cleared",
  "f_received",
  "f_finished",
  "f_due",
  "f_due_cleared",
];

/**
 * A dossier is active in [S, E] when received by E and not finished before S. At E it is open
 * when received and not finished, and overdue-open when its deadline passed and it is still open
 * (counted as deadlines reached minus deadlines cleared by finishing).
 */
export function periodFigures(s: PeriodSums): PeriodFigures {
  const { inPeriod: p, beforeStart: b, throughEnd: e } = s;
  const openEnd = e.p_start - e.p_finished;
  const overdueOpenEnd = e.p_due - e.p_due_cleared;
  const base = Object.fromEntries(PERIOD_FIGURES.map((f) => [f, 0])) as PeriodFigures;
  for (const m of MEASURES) if (m in base) base[m as PeriodFigure] = p[m];
  return {
    ...base,
    p_active: e.p_start - b.p_finished,
    p_open_end: openEnd,
    p_overdue_open_end: overdueOpenEnd,
    p_within_deadline_end: openEnd - overdueOpenEnd,
    p_late: p.p_finished - p.p_on_time,
    // Feedback (PAKN) is counted the same way as dossiers: active, and within its deadline at the end.
    f_active: e.f_received - b.f_finished,
    f_within_deadline_end: e.f_received - e.f_finished - (e.f_due - e.f_due_cleared),
    c_in_competence: s.catalogue.inCompetence,
    c_online_capable: s.catalogue.onlineCapable,
  };
}

/** The figures a number on the dashboard can be opened into, and which dossiers make each one. */
export const DRILL_FIGURES = [
  "r_total",
  "r_synced",
  "r_online",
  "r_online_applicant",
  "online_suspect",
  "r_digitised",
  "r_reused",
  "r_population",
  "p_finished",
  "p_on_time",
  "p_late",
  "p_overdue_open_end",
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];
