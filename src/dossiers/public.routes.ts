import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordTracking } from "../citizens/citizen-session.service.ts";
import { citizenOf } from "../citizens/citizens.routes.ts";
import type { AppContext } from "../http/app-context.ts";
import { errorResponseSchema, sendError } from "../http/errors.ts";
import { PIN_LIMIT } from "../http/rate-limits.ts";
import { publicTracking } from "./dossier-queries.service.ts";
import { publicTrackingSchema } from "./dossier-views.ts";

export const publicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/public/dossiers/:code",
      {
        config: { rateLimit: PIN_LIMIT },
        schema: {
          tags: ["public"],
          summary: "Citizen tracking (tra cứu hồ sơ) by code and PIN, no login",
          params: z.object({ code: z.string().min(1).max(64) }),
          querystring: z.object({ pin: z.string().regex(/^\d{4,8}$/, "mã tra cứu gồm 4–8 chữ số") }),
          response: { 200: publicTrackingSchema, 400: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (req, reply) => {
        const r = await publicTracking(ctx.db, req.params.code, req.query.pin);
        // A VNeID-verified citizen tracking the dossier is recorded on it.
        const citizen = r.ok ? await citizenOf(ctx, req) : null;
        if (citizen) await recordTracking(ctx.db, req.params.code, citizen.idNumber);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );
  };
