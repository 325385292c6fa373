import { z } from "zod";
import { PERIOD_FIGURES } from "../../casework/kpi-facts/measures.ts";

/**
 * How sure the source is, as DOMAIN.md marks it: V verified in law or official data,
 * S our assumption (keep configurable, show the uncertainty), R reported by others.
 */
export const confidenceSchema = z
  .enum(["V", "S", "R"])
  .describe("V verified, S assumed (configurable), R reported");

const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

const figures: readonly string[] = PERIOD_FIGURES;
/** A period figure (src/kpi/measures.ts), added; with a leading "-", subtracted. */
const termSchema = z
  .string()
  .refine((t) => figures.includes(t.replace(/^-/, "")), { message: "không có số liệu này" })
  .describe("A period figure, e.g. r_total or -p_late");

export const formulaSchema = z
  .object({
    numerator: z.array(termSchema).min(1),
    denominator: z.array(termSchema).min(1),
    coefficient: z
      .string()
      .optional()
      .describe("Another indicator whose rate multiplies this one (3.3: the sync coefficient)"),
  })
  .describe("How the numbers are counted from the aggregates");

/** One reform indicator (chỉ số), e.g. 2.1 "on time", with its formula and points. */
export const indicatorSchema = z.object({
  id: z
    .string()
    .regex(/^\d\.\d{1,2}[a-z]?$/)
    .describe("Decision 766 numbering, e.g. 2.1; a letter marks a rate beyond 766 (3.3a)"),
  name: text,
  group: z.string().describe("The group id it counts towards"),
  numerator: text.describe("What is counted above the line"),
  denominator: text.describe("What is counted below the line"),
  counting: z
    .enum([
      "received-in-period",
      "finished-in-period",
      "processed-in-period",
      "catalogue",
      "feedback-in-period",
    ])
    .describe("Which dossiers (or items) fall in the period"),
  unit: z
    .enum(["receiving-agency", "competent-agency", "commune", "province"])
    .describe("The unit a dossier is counted at"),
  threshold: z
    .number()
    .gt(0)
    .max(1)
    .nullable()
    .describe("T: full points at rate ≥ T, else rate / T × points; null: rate × points"),
  points: z.number().min(0).max(100),
  kind: z
    .enum(["rate", "average-minutes"])
    .default("rate")
    .describe("A rate, or an average (2.2: minutes per finished dossier, shown in days)"),
  formula: formulaSchema
    .nullable()
    .describe("null: not computed yet because the data is not collected; shown as such, never invented"),
  source: z.string().min(1).describe("Legal source"),
  confidence: confidenceSchema,
  note: z
    .string()
    .default("")
    .describe("Why the split or formula is uncertain, shown in the 'how is this computed' panel"),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorGroupSchema = z.object({
  id: z.string().min(1),
  name: text,
  points: z.number().min(0).max(100),
  confidence: confidenceSchema,
});

/** A versioned set of indicators: groups total 100 points; indicators never exceed their group. */
export const indicatorSetSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().min(1),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    source: z.string().min(1),
    groups: z.array(indicatorGroupSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const total = set.groups.reduce((s, g) => s + g.points, 0);
    if (Math.abs(total - 100) > 1e-9) {
      ctx.addIssue({
        code: "custom",
        path: ["groups"],
        message: `tổng điểm các nhóm phải là 100 (đang là ${total})`,
      });
    }
    const ids = new Set<string>();
    set.indicators.forEach((ind, i) => {
      if (ids.has(ind.id))
        ctx.addIssue({ code: "custom", path: ["indicators", i, "id"], message: "chỉ số bị trùng" });
      ids.add(ind.id);
      if (!set.groups.some((g) => g.id === ind.group)) {
        ctx.addIssue({
          code: "custom",
          path: ["indicators", i, "group"],
          message: `không có nhóm ${ind.group}`,
        });
      }
    });
    set.indicators.forEach((ind, i) => {
      const c = ind.formula?.coefficient;
      if (c && !ids.has(c))
        ctx.addIssue({ code: "custom", path: ["indicators", i, "formula"], message: `không có chỉ số ${c}` });
    });
    for (const g of set.groups) {
      const used = set.indicators.filter((i) => i.group === g.id).reduce((s, i) => s + i.points, 0);
      if (used > g.points + 1e-9) {
        ctx.addIssue({
          code: "custom",
          path: ["groups"],
          message: `nhóm ${g.id}: các chỉ số cộng ${used} điểm, vượt ${g.points}`,
        });
      }
    }
  });
export type IndicatorSet = z.infer<typeof indicatorSetSchema>;
