import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { appError } from "../common/app-error.ts";
import type { AppContext } from "../http/app-context.ts";
import { officialOf, requireOfficial } from "../http/auth-guard.ts";
import { errorResponseSchema, sendError } from "../http/errors.ts";
import { dueSoon, markLate } from "./deadlines.service.ts";
import { dueSoonSchema } from "./dossier-views.ts";

export const deadlinesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook("onRequest", requireOfficial(ctx));

    app.get(
      "/deadlines/due-soon",
      {
        schema: {
          tags: ["dossiers"],
          summary: "Dossiers of your agency due within one working day, each with a drafted form 04",
          response: { 200: dueSoonSchema, 401: errorResponseSchema },
        },
      },
      async (req) => {
        const official = officialOf(req);
        const all = official.roles.includes("admin") || official.roles.includes("supervisor");
        return {
          items: await dueSoon(
            ctx.db,
            await ctx.calendar(),
            ctx.now(),
            all ? undefined : official.agencyCode,
          ),
        };
      },
    );

    app.post(
      "/deadlines/scan",
      {
        schema: {
          tags: ["dossiers"],
          summary: "Run the deadline pass now (it also runs hourly): overdue dossiers are marked late",
          response: {
            200: z.object({ markedLate: z.number() }),
            401: errorResponseSchema,
            403: errorResponseSchema,
          },
        },
      },
      async (req, reply) => {
        if (!officialOf(req).roles.includes("admin")) {
          return sendError(
            reply,
            appError(
              "SCAN_FORBIDDEN",
              403,
              "Chỉ quản trị viên được chạy rà soát thời hạn.",
              "Administrators only.",
            ),
          );
        }
        return { markedLate: await markLate(ctx.db, ctx.now()) };
      },
    );
  };
