import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { errorResponseSchema, errorResponses, sendError } from "../../kernel/http/errors.ts";
import { proceduresWithoutDemand } from "./demand.service.ts";
import { indicatorSetSchema } from "./indicator.types.ts";
import { loadIndicatorSet } from "./indicators.loader.ts";
import {
  checkMonths,
  checkPeriod,
  isoMonth,
  periodFields,
  rankingSchema,
  scorecardSchema,
  trendSchema,
  unitParam,
} from "./kpi.schemas.ts";
import { rankings, trend, unitScorecard } from "./scorecard.service.ts";

/** Chỉ số cải cách hành chính: the definitions are public, like the scorecard will be. */
export const kpiRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const set = loadIndicatorSet();
    // Aggregates only: the replica serves them when there is one.
    const reports = ctx.readDb ?? ctx.db;
    app.get(
      "/kpi/indicators",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "The Decision 766 indicator set in force: groups, formulas, thresholds, points, sources and how sure each is",
          response: { 200: indicatorSetSchema, 429: errorResponseSchema },
        },
      },
      async () => set,
    );

    app.get(
      "/kpi/procedures-without-demand",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "Procedures in the province's competence with fewer than `below` dossiers in the period: candidates for simplification",
          querystring: z
            .object({
              ...periodFields,
              below: z.coerce.number().int().min(1).max(1000).default(1).describe("1: no dossier at all"),
              limit: z.coerce.number().int().min(1).max(5000).default(200),
            })
            .superRefine(checkPeriod),
          response: {
            200: z.object({
              total: z.number(),
              byField: z.array(z.object({ field: z.string(), count: z.number() })),
              items: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  field: z.string(),
                  levels: z.array(z.string()),
                  dossiers: z.number(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const q = req.query;
        // Whole days in Vietnam time: from the first day's midnight to the day after the last.
        const from = new Date(`${q.from}T00:00:00+07:00`);
        const to = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000);
        return proceduresWithoutDemand(reports, { from, to, below: q.below, limit: q.limit });
      },
    );

    // Aggregates only, no personal data: the province's scorecard is public (công khai).
    app.get(
      "/kpi/scorecard",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "The Decision 766 scorecard of a unit for a period, with the previous period and the same period a year earlier",
          querystring: z.object({ ...periodFields, unit: unitParam }).superRefine(checkPeriod),
          response: { 200: scorecardSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const r = await unitScorecard(reports, set, ctx.deployment.provinceCode, req.query);
        if (!r.ok) return sendError(reply, r.error);
        const { agencies: _, ...unit } = r.value.unit;
        return { ...r.value, unit };
      },
    );

    app.get(
      "/kpi/rankings",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "Agencies or communes ranked by total score, with on-time and online rates (as reported and as submitted)",
          querystring: z
            .object({ ...periodFields, by: z.enum(["agency", "commune"]).default("agency") })
            .superRefine(checkPeriod),
          response: { 200: rankingSchema, ...errorResponses },
        },
      },
      async (req) => rankings(reports, set, req.query, req.query.by),
    );

    app.get(
      "/kpi/trend",
      {
        schema: {
          tags: ["kpi"],
          summary: "Month by month: total score, dossiers received and each indicator's rate",
          querystring: z
            .object({ unit: unitParam, fromMonth: isoMonth, toMonth: isoMonth })
            .superRefine(checkMonths),
          response: { 200: trendSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const r = await trend(reports, set, ctx.deployment.provinceCode, req.query);
        if (!r.ok) return sendError(reply, r.error);
        const { agencies: _, ...unit } = r.value.unit;
        return { ...r.value, unit };
      },
    );
  };
