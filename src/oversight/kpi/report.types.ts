import type { PeriodFigures } from "../../casework/kpi-facts/measures.ts";
import type { SteeringSummary } from "../steering/steering.types.ts";
import type { IndicatorSet } from "./indicator.types.ts";

interface Period {
  from: string;
  to: string;
}

/** Everything the periodic reform report shows, in the shape of the 2023 review. */
export interface ReportData {
  province: { code: string; name: string };
  period: Period;
  lastYear: Period;
  by: "agency" | "commune";
  generatedAt: Date;
  /** Dossiers in the period that are synthetic demo data: the report says so on its first line. */
  syntheticShare: number;
  set: IndicatorSet;
  indicators: {
    id: string;
    numerator: number;
    denominator: number;
    lastYear: { numerator: number; denominator: number };
    score: number | null;
  }[];
  total: { now: number; lastYear: number };
  units: { code: string; name: string; now: PeriodFigures; lastYear: PeriodFigures }[];
  overdue: { code: string; procedureName: string; handlingAgency: string; dueDay: string | null }[];
  overdueTotal: number;
  withoutDemand: {
    total: number;
    byField: { field: string; count: number }[];
    items: { code: string; name: string; field: string; levels: string[]; dossiers: number }[];
  };
  months: { month: string; total: number; received: number }[];
  /** Overdue regulations, inspection findings and reform tasks (chỉ đạo điều hành). */
  steering: SteeringSummary;
}

/** dd/mm/yyyy, as Vietnamese documents write a day. */
export const vnDate = (iso: string) => iso.split("-").reverse().join("/");
