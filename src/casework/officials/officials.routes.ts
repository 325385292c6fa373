import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { INT4_MAX } from "../../kernel/common/int32.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { guardedErrorResponses, sendError } from "../../kernel/http/errors.ts";
import { roleSchema } from "../../reference/processes/process.types.ts";
import { officialFullName, officialPassword, officialUsername } from "./official-input.ts";
import { createOfficial, listOfficials, updateOfficial } from "./officials.service.ts";

const officialSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  title: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  isDemo: z.boolean(),
});
const password = officialPassword;
const fields = {
  fullName: officialFullName,
  title: z.string().trim().max(200).default("").describe("Chức vụ"),
  agencyCode: z.string().min(1).max(64),
  roles: z.array(roleSchema).min(1).max(7),
};

/** Tài khoản cán bộ: administrators manage officials, their agency and roles. */
export const officialsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/auth/me",
      {
        schema: {
          tags: ["auth"],
          summary: "The signed-in official",
          response: {
            200: z.object({
              id: z.number(),
              username: z.string(),
              fullName: z.string(),
              agencyCode: z.string(),
              roles: z.array(roleSchema),
            }),
            ...guardedErrorResponses,
          },
        },
      },
      async (req) => {
        const o = officialOf(req);
        return {
          id: o.id,
          username: o.username,
          fullName: o.fullName,
          agencyCode: o.agencyCode,
          roles: [...o.roles],
        };
      },
    );

    app.get(
      "/officials",
      {
        schema: {
          tags: ["officials"],
          summary: "Officials: all for administrators, one's own agency for others",
          querystring: z.object({
            agency: z.string().max(64).optional(),
            q: z.string().trim().min(1).max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(100_000).default(0),
          }),
          response: {
            200: z.object({ items: z.array(officialSchema), total: z.number() }),
            ...guardedErrorResponses,
          },
        },
      },
      async (req) => listOfficials(ctx.db, officialOf(req), req.query),
    );

    app.post(
      "/officials",
      {
        schema: {
          tags: ["officials"],
          summary: "Create an official (administrators)",
          body: z.object({
            username: officialUsername,
            password,
            ...fields,
          }),
          response: { 201: z.object({ id: z.number() }), ...guardedErrorResponses },
        },
      },
      async (req, reply) => {
        const r = await createOfficial(ctx.db, officialOf(req), req.body);
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.patch(
      "/officials/:id",
      {
        schema: {
          tags: ["officials"],
          summary: "Change agency, roles, name or status; a change of access ends the official's sessions",
          params: z.object({ id: z.coerce.number().int().positive().max(INT4_MAX) }),
          body: z
            .object({
              fullName: fields.fullName.optional(),
              title: z.string().trim().max(200).optional(),
              agencyCode: fields.agencyCode.optional(),
              roles: fields.roles.optional(),
              active: z.boolean().optional(),
              password: password.optional(),
            })
            .strict(),
          response: {
            200: z.object({ id: z.number(), sessionsEnded: z.number() }),
            ...guardedErrorResponses,
          },
        },
      },
      async (req, reply) => {
        const r = await updateOfficial(ctx.db, officialOf(req), req.params.id, req.body);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );
  };
