import { sql } from "kysely";
import { loadFonts } from "../../casework/forms/fonts.loader.ts";
import type { PeriodFigures } from "../../casework/kpi-facts/measures.ts";
import type { Db } from "../../kernel/db/database.ts";
import { steeringSummary } from "../steering/steering-summary.service.ts";
import { catalogueFigures, periodSums } from "./aggregates.repository.ts";
import { proceduresWithoutDemand } from "./demand.service.ts";
import { drillDown } from "./drill-down.service.ts";
import type { IndicatorSet } from "./indicator.types.ts";
import { resolveKpiUnit } from "./kpi-units.service.ts";
import type { ReportData } from "./report.types.ts";
import { reportPdf } from "./report-pdf.ts";
import { reportXlsx } from "./report-xlsx.ts";
import { comparisonPeriods, type Period, scoreSums, sumsByUnit, trend } from "./scorecard.service.ts";

const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

export async function reportData(
  db: Db,
  set: IndicatorSet,
  province: { code: string; name: string },
  p: Period & { by: "agency" | "commune" },
  now: Date,
  seen: readonly string[] | null = null,
): Promise<ReportData> {
  const catalogue = await catalogueFigures(db);
  const { lastYear } = comparisonPeriods(p);
  const [cur, ly, unitsNow, unitsLy] = await Promise.all([
    periodSums(db, null, p.from, p.to, catalogue),
    periodSums(db, null, lastYear.from, lastYear.to, catalogue),
    sumsByUnit(db, p, p.by, catalogue),
    sumsByUnit(db, lastYear, p.by, catalogue),
  ]);
  const a = scoreSums(set, cur);
  const b = scoreSums(set, ly);
  const lastYearOf = new Map(unitsLy.map((u) => [u.code, scoreSums(set, u.sums).figures]));
  // The figures are the province's; the named overdue dossiers only those the reader may see.
  const overdue = await drillDown(db, {
    agencies: null,
    seen,
    from: p.from,
    to: p.to,
    figure: "p_overdue_open_end",
    not: false,
    limit: 1000,
  });
  const demand = await proceduresWithoutDemand(db, {
    from: vnMidnight(p.from),
    to: new Date(vnMidnight(p.to).getTime() + 86_400_000),
    below: 1,
    limit: 5000,
  });
  const months = await trend(db, set, province.code, {
    fromMonth: p.from.slice(0, 7),
    toMonth: p.to.slice(0, 7),
  });
  const steering = await steeringSummary(db, p, now);
  const synthetic = await sql<{ share: number | null }>`
    SELECT avg(d.synthetic::int)::float8 AS share FROM kpi_fact f JOIN dossier d ON d.id = f.dossier_id
    WHERE f.received_day BETWEEN ${p.from}::date AND ${p.to}::date`.execute(db);
  return {
    province,
    period: { from: p.from, to: p.to },
    lastYear,
    by: p.by,
    generatedAt: now,
    syntheticShare: synthetic.rows[0]?.share ?? 0,
    set,
    indicators: a.indicators.map((i) => {
      const old = b.indicators.find((x) => x.id === i.id);
      return {
        id: i.id,
        numerator: i.numerator,
        denominator: i.denominator,
        lastYear: { numerator: old?.numerator ?? 0, denominator: old?.denominator ?? 0 },
        score: i.score,
      };
    }),
    total: { now: a.total, lastYear: b.total },
    units: unitsNow
      .map((u) => {
        const figures = scoreSums(set, u.sums).figures;
        return {
          code: u.code,
          name: u.name,
          now: figures,
          lastYear: lastYearOf.get(u.code) ?? zeroLike(figures),
        };
      })
      .sort((x, y) => y.now.r_total - x.now.r_total || x.code.localeCompare(y.code)),
    overdue: overdue.items.map((d) => ({
      code: d.code,
      procedureName: d.procedureName,
      handlingAgency: d.handlingAgency,
      dueDay: d.dueDay,
    })),
    overdueTotal: overdue.total,
    withoutDemand: demand,
    months: months.ok
      ? months.value.months.map((m) => ({ month: m.month, total: m.total, received: m.received }))
      : [],
    steering,
  };
}

const zeroLike = (f: PeriodFigures): PeriodFigures =>
  Object.fromEntries(Object.keys(f).map((k) => [k, 0])) as PeriodFigures;

/** The province's report as a file: the same data for the CLI and the web app. */
export async function buildReport(
  db: Db,
  set: IndicatorSet,
  provinceCode: string,
  q: Period & { by: "agency" | "commune"; format: "xlsx" | "pdf" },
  now: Date,
  seen: readonly string[] | null = null,
): Promise<{ bytes: Buffer; mime: string; fileName: string }> {
  const unit = await resolveKpiUnit(db, provinceCode);
  const name = unit.ok ? unit.value.name : provinceCode;
  const data = await reportData(db, set, { code: provinceCode, name }, q, now, seen);
  const fileName = `bao-cao-cchc-${q.from}-${q.to}.${q.format}`;
  return q.format === "xlsx"
    ? {
        bytes: await reportXlsx(data),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        fileName,
      }
    : { bytes: await reportPdf(data, loadFonts()), mime: "application/pdf", fileName };
}
