import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { errorResponseSchema } from "../../kernel/http/errors.ts";
import { jurisdictionOf } from "../auth/jurisdiction.service.ts";
import { dueSoon, markLate } from "./deadlines.service.ts";
import { dueSoonSchema } from "./dossier-views.ts";

export const deadlinesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/deadlines/due-soon",
      {
        schema: {
          tags: ["dossiers"],
          summary:
            "Dossiers within your jurisdiction due within one working day, each with a drafted form 04",
          response: { 200: dueSoonSchema, 401: errorResponseSchema },
        },
      },
      async (req) => {
        const seen = await jurisdictionOf(ctx.db, officialOf(req));
        return {
          items: await dueSoon(ctx.db, await ctx.calendar(), ctx.now(), seen === "province" ? null : seen),
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
      async (_req, _reply) => {
        return { markedLate: await markLate(ctx.db, ctx.now()) };
      },
    );
  };
