import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { dossierStatusSchema } from "../../casework/dossiers/dossier-status.ts";
import { listedDossierSchema } from "../../casework/dossiers/dossier-views.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { guardedErrorResponses } from "../../kernel/http/errors.ts";
import { overview, overviewDossiers, responsibilityFlags } from "./overview.service.ts";

const counts = { open: z.number(), overdue: z.number(), dueSoon: z.number() };
const unitRow = z.object({ code: z.string(), name: z.string(), ...counts });

/** Tổng quan: what leaders steer by; the KPI issue adds the Decision 766 scorecard beside it. */
export const overviewRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Counts for steering, read from the replica when there is one (behind by milliseconds).
    const reports = ctx.readDb ?? ctx.db;
    app.get(
      "/overview",
      {
        schema: {
          tags: ["overview"],
          summary: "Open dossiers by status, and open / due soon / overdue by agency and by commune",
          response: {
            200: z.object({
              scope: z.enum(["province", "subtree", "agency"]),
              totals: z.object(counts),
              byStatus: z.array(
                z.object({ status: dossierStatusSchema, label: z.string(), count: z.number() }),
              ),
              byAgency: z.array(unitRow).describe("By handling agency, most overdue first"),
              byCommune: z.array(unitRow).describe("By the commune of the receiving desk"),
            }),
            ...guardedErrorResponses,
          },
        },
      },
      async (req) => overview(reports, await ctx.calendar(), officialOf(req), ctx.now()),
    );

    app.get(
      "/overview/dossiers",
      {
        schema: {
          tags: ["overview"],
          summary: "Drill-down: the open dossiers behind a number, by due date",
          querystring: z.object({
            agency: z.string().max(64).optional(),
            commune: z
              .string()
              .regex(/^\d{5}$/)
              .optional(),
            status: dossierStatusSchema.optional(),
            flag: z.enum(["overdue", "due-soon"]).optional(),
            cursor: z
              .string()
              .regex(/^\d+:\d+$/)
              .optional(),
            limit: z.coerce.number().int().min(1).max(100).default(25),
          }),
          response: {
            200: z.object({
              items: z.array(
                listedDossierSchema.extend({
                  handlingAgency: z.string(),
                  holder: z.string(),
                  dueAt: z.string().nullable(),
                  overdue: z.boolean(),
                }),
              ),
              next: z.string().nullable(),
            }),
            ...guardedErrorResponses,
          },
        },
      },
      async (req) => overviewDossiers(reports, await ctx.calendar(), officialOf(req), req.query, ctx.now()),
    );

    app.get(
      "/overview/responsibility",
      {
        schema: {
          tags: ["overview"],
          summary: "Ping-pong (passed back and forth) and stall flags among the longest-overdue dossiers",
          response: {
            200: z.object({
              examined: z.number(),
              items: z.array(
                z.object({
                  code: z.string(),
                  procedureName: z.string(),
                  handlingAgency: z.string(),
                  dueAt: z.string().nullable(),
                  pingPong: z
                    .object({ between: z.tuple([z.string(), z.string()]), times: z.number() })
                    .nullable(),
                  stalled: z.boolean(),
                }),
              ),
            }),
            ...guardedErrorResponses,
          },
        },
      },
      async (req) => responsibilityFlags(reports, await ctx.calendar(), officialOf(req), ctx.now()),
    );
  };
