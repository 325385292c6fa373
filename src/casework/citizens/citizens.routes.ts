import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { maskIdNumber } from "../../kernel/common/mask.ts";
import { errorResponseSchema, sendError } from "../../kernel/http/errors.ts";
import { vnIso } from "../../reference/calendar/local-time.ts";
import { CITIZEN_COOKIE, citizenOf } from "./citizen-cookie.service.ts";
import { dossiersOf, openCitizenSession, rememberLogin, takeLogin } from "./citizen-session.service.ts";
import { citizenErrors } from "./citizens.errors.ts";

const needLogin = (reply: FastifyReply) => sendError(reply, citizenErrors.loginRequired());

/** Citizens sign in with VNeID and see their own dossiers. */
export const citizensRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const vneid = () => ctx.integrations?.vneid ?? null;
    const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 503: errorResponseSchema };

    app.get(
      "/citizen/login",
      {
        schema: {
          tags: ["public"],
          summary: "Sign in with VNeID (redirects to VNeID)",
          response: { 302: z.undefined().describe("To VNeID's sign-in page"), ...errors },
        },
      },
      async (_req, reply) => {
        const client = vneid();
        if (!client) {
          return sendError(reply, citizenErrors.vneidNotConfigured());
        }
        try {
          const start = await client.start();
          await rememberLogin(ctx.db, start.state, start.verifier, ctx.now());
          return reply.redirect(start.url);
        } catch {
          return sendError(reply, citizenErrors.vneidUnavailable());
        }
      },
    );

    app.get(
      "/citizen/callback",
      {
        schema: {
          tags: ["public"],
          summary: "VNeID returns here; the citizen gets a session cookie",
          querystring: z.object({ code: z.string().min(1), state: z.string().min(1) }).passthrough(),
          response: { 302: z.undefined().describe("Back to the app, with the session cookie"), ...errors },
        },
      },
      async (req, reply) => {
        const client = vneid();
        const verifier = await takeLogin(ctx.db, req.query.state, ctx.now());
        if (!client || !verifier) {
          return sendError(reply, citizenErrors.loginExpired());
        }
        try {
          const url = new URL(req.url, client.config.redirectUri);
          const who = await client.finish(url, req.query.state, verifier);
          const token = await openCitizenSession(ctx.db, who, ctx.now());
          return reply
            .header(
              "set-cookie",
              `${CITIZEN_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${8 * 3600}`,
            )
            .redirect("/");
        } catch {
          return sendError(reply, citizenErrors.loginFailed());
        }
      },
    );

    app.get(
      "/citizen/me",
      {
        schema: {
          tags: ["public"],
          summary: "The signed-in citizen",
          response: {
            200: z.object({ name: z.string(), idNumber: z.string(), level: z.number() }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const c = await citizenOf(ctx, req);
        return c ? { name: c.name, idNumber: maskIdNumber(c.idNumber), level: c.level } : needLogin(reply);
      },
    );

    app.get(
      "/citizen/dossiers",
      {
        schema: {
          tags: ["public"],
          summary: "The signed-in citizen's own dossiers",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  code: z.string(),
                  procedureName: z.string(),
                  status: z.string(),
                  statusLabel: z.string(),
                  receivedAt: z.string(),
                  dueAt: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const c = await citizenOf(ctx, req);
        if (!c) return needLogin(reply);
        const rows = await dossiersOf(ctx.db, c.idNumber);
        return {
          items: rows.map((r) => ({
            code: r.code,
            procedureName: r.procedure_name,
            status: r.status,
            statusLabel: r.statusLabel,
            receivedAt: vnIso(r.received_at),
            dueAt: vnIso(r.due_at),
          })),
        };
      },
    );
  };
