import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { isoDate } from "../calendar/calendar.types.ts";
import { appError } from "../common/app-error.ts";
import type { AppContext } from "../http/app-context.ts";
import { errorResponses, sendError } from "../http/errors.ts";
import { proceduresWithoutDemand } from "./demand.service.ts";
import { indicatorSetSchema } from "./indicator.types.ts";
import { loadIndicatorSet } from "./indicators.loader.ts";

/** Chỉ số cải cách hành chính: the definitions are public, like the scorecard will be. */
export const kpiRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const set = loadIndicatorSet();
    app.get(
      "/kpi/indicators",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "The Decision 766 indicator set in force: groups, formulas, thresholds, points, sources and how sure each is",
          response: { 200: indicatorSetSchema },
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
          querystring: z.object({
            from: isoDate.describe("First day, Vietnam time"),
            to: isoDate.describe("Last day, included"),
            below: z.coerce.number().int().min(1).max(1000).default(1).describe("1: no dossier at all"),
            limit: z.coerce.number().int().min(1).max(5000).default(200),
          }),
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
      async (req, reply) => {
        const q = req.query;
        // Whole days in Vietnam time: from the first day's midnight to the day after the last.
        const from = new Date(`${q.from}T00:00:00+07:00`);
        const to = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000);
        if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
          return sendError(
            reply,
            appError("PERIOD_INVALID", 400, "Khoảng thời gian không hợp lệ.", "Invalid period."),
          );
        }
        return proceduresWithoutDemand(ctx.db, { from, to, below: q.below, limit: q.limit });
      },
    );
  };
