import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { indicatorSetSchema } from "./indicator.types.ts";
import { loadIndicatorSet } from "./indicators.loader.ts";

/** Chỉ số cải cách hành chính: the definitions are public, like the scorecard will be. */
export const kpiRoutes: FastifyPluginAsyncZod = async (app) => {
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
};
