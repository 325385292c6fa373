import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { errorResponseSchema } from "../../kernel/http/errors.ts";
import { sendErrorWithRetry } from "../../kernel/http/retry-after.ts";
import { login } from "./auth.service.ts";

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/auth/login",
      {
        // Failures are throttled per address and address + username in the database (lockout.ts).
        schema: {
          tags: ["auth"],
          summary: "Officials sign in; the token goes in Authorization: Bearer",
          body: z.object({
            username: z.string().min(1).max(100),
            password: z.string().min(1).max(200),
            totp: z
              .string()
              .regex(/^\d{6}$/, "mã xác thực gồm 6 chữ số")
              .optional()
              .describe("The authenticator app's code, for roles that sign in with a second factor"),
          }),
          response: {
            200: z.object({
              token: z.string(),
              expiresAt: z.string(),
              official: z.object({
                id: z.number(),
                username: z.string(),
                fullName: z.string(),
                agencyCode: z.string(),
                roles: z.array(z.string()),
              }),
            }),
            401: errorResponseSchema,
            429: errorResponseSchema.describe(
              "AUTH_THROTTLED: too many failed sign-ins from this address; wait as Retry-After says",
            ),
          },
        },
      },
      async (req, reply) => {
        const r = await login(
          ctx.db,
          req.body.username,
          req.body.password,
          ctx.now(),
          {
            code: req.body.totp,
            roles: ctx.deployment.security.totpRoles,
            issuer: `Một cửa ${ctx.deployment.provinceName}`,
          },
          req.ip,
        );
        if (!r.ok) return sendErrorWithRetry(reply, r.error);
        // The audit record of this sign-in names who signed in.
        req.official = r.value.official;
        return {
          ...r.value,
          expiresAt: r.value.expiresAt.toISOString(),
          official: { ...r.value.official, roles: [...r.value.official.roles] },
        };
      },
    );
  };
