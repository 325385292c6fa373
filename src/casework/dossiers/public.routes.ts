import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { errorResponseSchema } from "../../kernel/http/errors.ts";
import { sendErrorWithRetry } from "../../kernel/http/retry-after.ts";
import { guardedPinCheck } from "../auth/throttle.service.ts";
import { citizenOf } from "../citizens/citizen-cookie.service.ts";
import { recordTracking } from "../citizens/citizen-session.service.ts";
import { publicTracking } from "./dossier-queries.service.ts";
import { publicTrackingSchema } from "./dossier-views.ts";

export const publicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/public/dossiers/:code",
      {
        // Guesses are budgeted in the database (auth/throttle.service.ts), shared with rating and payment.
        schema: {
          tags: ["public"],
          summary: "Citizen tracking (tra cứu hồ sơ) by code and PIN, no login",
          params: z.object({ code: z.string().min(1).max(64) }),
          querystring: z.object({ pin: z.string().regex(/^\d{4,8}$/, "mã tra cứu gồm 4–8 chữ số") }),
          response: {
            200: publicTrackingSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            429: errorResponseSchema.describe("TOO_MANY_GUESSES: wait as Retry-After says"),
          },
        },
      },
      async (req, reply) => {
        const { code } = req.params;
        const r = await guardedPinCheck(ctx.db, { address: req.ip, subject: code }, ctx.now(), () =>
          publicTracking(ctx.db, code, req.query.pin),
        );
        // A VNeID-verified citizen tracking the dossier is recorded on it.
        const citizen = r.ok ? await citizenOf(ctx, req) : null;
        if (citizen) await recordTracking(ctx.db, code, citizen.idNumber);
        return r.ok ? r.value : sendErrorWithRetry(reply, r.error);
      },
    );
  };
