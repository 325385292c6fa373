import { z } from "zod";
import { listedDossierSchema } from "../../casework/dossiers/dossier-views.ts";
import { DRILL_FIGURES, PERIOD_FIGURES, type PeriodFigure } from "../../casework/kpi-facts/measures.ts";
import { isoDate } from "../../reference/calendar/calendar.types.ts";

const MAX_DAYS = 3660; // ten years: long enough for any reform term, bounded for the planner

/** A period in whole days, Vietnam time, both ends included. */
export const periodFields = {
  from: isoDate.describe("First day, Vietnam time"),
  to: isoDate.describe("Last day, included"),
};

/** Checks a period's order and length; every KPI query schema ends with it. */
export const checkPeriod = (p: { from: string; to: string }, ctx: z.RefinementCtx) => {
  const a = Date.parse(`${p.from}T00:00:00Z`);
  const b = Date.parse(`${p.to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "ngày cuối phải không trước ngày đầu" });
  } else if ((b - a) / 86_400_000 > MAX_DAYS) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "kỳ báo cáo dài tối đa 10 năm" });
  }
};

/** A calendar month, YYYY-MM, of a year the data could hold (month 13 or year 8806 is refused). */
export const isoMonth = z
  .string()
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, "tháng có dạng YYYY-MM (năm 1900–2199, tháng 01–12)");

/** A run of months, in order and at most ten years long. */
export const checkMonths = (p: { fromMonth: string; toMonth: string }, ctx: z.RefinementCtx) => {
  const months = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const span = months(p.toMonth) - months(p.fromMonth);
  if (span < 0)
    ctx.addIssue({ code: "custom", path: ["toMonth"], message: "tháng cuối phải không trước tháng đầu" });
  else if (span >= 120) ctx.addIssue({ code: "custom", path: ["toMonth"], message: "tối đa 10 năm" });
};

export const unitParam = z
  .string()
  .max(60)
  .optional()
  .describe(
    "Agency code (with its subtree), commune code (new, or pre-2025 through its successors; old:CODE for an old code a new commune kept), or empty for the province",
  );

const unitSchema = z.object({
  kind: z.enum(["province", "agency", "commune"]),
  code: z.string(),
  name: z.string(),
  via: z
    .object({ oldCode: z.string(), oldName: z.string(), newCodes: z.array(z.string()), partial: z.boolean() })
    .nullable()
    .describe("An old unit counted through its successors; partial: it was split, so this is an upper bound"),
});

const period = z.object({ from: z.string(), to: z.string() });
const rates = z.record(z.string(), z.number().nullable());

// Named properties, not a record over an enum: OpenAPI 3.0 cannot say which keys a record has.
const figuresSchema = z
  .strictObject(
    Object.fromEntries(PERIOD_FIGURES.map((f) => [f, z.number()])) as Record<PeriodFigure, z.ZodNumber>,
  )
  .describe("The counted figures the formulas use");

export const scorecardSchema = z
  .object({
    unit: unitSchema,
    period,
    figures: figuresSchema,
    indicators: z.array(
      z.object({
        id: z.string(),
        group: z.string(),
        points: z.number(),
        numerator: z.number(),
        denominator: z.number(),
        rate: z.number().nullable().describe("null: nothing to count, or not computed yet"),
        score: z.number().nullable(),
      }),
    ),
    groups: z.array(
      z.object({ id: z.string(), points: z.number(), score: z.number(), unassigned: z.number() }),
    ),
    total: z.number(),
    previous: z
      .object({ period, total: z.number(), rates })
      .describe("Kỳ trước: the same length just before"),
    lastYear: z.object({ period, total: z.number(), rates }).describe("Cùng kỳ năm trước"),
  })
  .meta({ id: "Scorecard", description: "Bảng điểm Quyết định 766: one unit's scored period" });

export const rankingSchema = z.array(
  z.object({
    rank: z.number(),
    code: z.string(),
    name: z.string(),
    total: z.number(),
    received: z.number(),
    onTime: z.number().nullable(),
    onlineReported: z.number().nullable(),
    onlineApplicant: z.number().nullable(),
    overdueOpen: z.number(),
  }),
);

export const trendSchema = z.object({
  unit: unitSchema,
  months: z.array(z.object({ month: z.string(), total: z.number(), received: z.number(), rates })),
});

export const drillQuery = z
  .object({
    ...periodFields,
    unit: unitParam,
    figure: z.enum(DRILL_FIGURES),
    not: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true")
      .describe("The rest of the denominator: e.g. received but not synced"),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .superRefine(checkPeriod);

export const drillSchema = z.object({
  total: z.number(),
  items: z.array(
    listedDossierSchema.extend({
      receivedAt: z.string(),
      receivingAgency: z.string(),
      handlingAgency: z.string(),
      dueDay: z
        .string()
        .nullable()
        .describe("The deadline the indicators hold it to (the first one if re-appointed)"),
      online: z.string().describe("applicant, official, agency-network, not-verified or not-online"),
    }),
  ),
});
