import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { jurisdictionOf } from "../../casework/auth/jurisdiction.service.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { exportReason, guardedErrorResponses, sendError } from "../../kernel/http/errors.ts";
import { drillDown } from "./drill-down.service.ts";
import { loadIndicatorSet } from "./indicators.loader.ts";
import { checkPeriod, drillQuery, drillSchema, periodFields } from "./kpi.schemas.ts";
import { resolveKpiUnit } from "./kpi-units.service.ts";
import { buildReport } from "./report.service.ts";

/** Behind the numbers: dossiers with applicants' names, so for those who steer, not the public. */
export const kpiSteeringRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const set = loadIndicatorSet();
    // The numbers and exports read the replica when there is one; who may see what, the primary.
    const reports = ctx.readDb ?? ctx.db;

    app.get(
      "/kpi/dossiers",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "The dossiers behind a number: e.g. online_suspect lists the 'online' dossiers not submitted by the applicant",
          querystring: drillQuery,
          response: { 200: drillSchema, ...guardedErrorResponses },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const unit = await resolveKpiUnit(reports, ctx.deployment.provinceCode, q.unit);
        if (!unit.ok) return sendError(reply, unit.error);
        // Names of applicants: only within the reader's jurisdiction, whatever unit is asked.
        const seen = await jurisdictionOf(ctx.db, officialOf(req));
        return drillDown(reports, {
          ...q,
          agencies: unit.value.agencies,
          seen: seen === "province" ? null : seen,
        });
      },
    );

    app.get(
      "/kpi/report",
      {
        schema: {
          tags: ["kpi"],
          summary:
            "The periodic reform report (XLSX with live formulas, or PDF with charts): indicators with year-on-year change, rates by agency or commune, overdue dossiers, procedures without demand",
          querystring: z
            .object({
              ...periodFields,
              format: z.enum(["xlsx", "pdf"]).default("xlsx"),
              by: z.enum(["agency", "commune"]).default("agency"),
              reason: exportReason,
            })
            .superRefine(checkPeriod),
          response: { 200: z.any().describe("The file"), ...guardedErrorResponses },
        },
      },
      async (req, reply) => {
        const seen = await jurisdictionOf(ctx.db, officialOf(req));
        const r = await buildReport(
          reports,
          set,
          ctx.deployment.provinceCode,
          req.query,
          ctx.now(),
          seen === "province" ? null : seen,
        );
        return reply
          .header("content-type", r.mime)
          .header("content-disposition", `attachment; filename="${r.fileName}"`)
          .send(r.bytes);
      },
    );
  };
