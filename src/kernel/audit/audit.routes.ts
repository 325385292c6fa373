import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { guardedErrorResponses } from "../http/errors.ts";
import { auditTrail, verifyAudit } from "./audit.repository.ts";

const recordSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  roles: z.array(z.string()),
  agencyCode: z.string().nullable(),
  action: z.string().describe("METHOD /route/pattern"),
  objectType: z.string(),
  objectId: z.string(),
  purpose: z.string(),
  requestId: z.string(),
  status: z.number().int(),
  sealed: z.boolean(),
});

/** The audit log for administrators and reform supervisors: who did or read what, and the chain's state. */
export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/audit",
      {
        schema: {
          tags: ["audit"],
          summary:
            "Audit records for an object (e.g. objectType=dossiers&objectId=CODE) or an official, newest first",
          querystring: z.object({
            objectType: z.string().max(60).optional(),
            objectId: z.string().max(120).optional(),
            actorId: z.string().max(20).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: z.object({ items: z.array(recordSchema) }), ...guardedErrorResponses },
        },
      },
      async (req) => ({ items: await auditTrail(ctx.db, req.query) }),
    );
    app.get(
      "/audit/verify",
      {
        schema: {
          tags: ["audit"],
          summary:
            "Walk the hash chain: edited, deleted or reordered records, and how many wait to be sealed (over a minute is a fault)",
          response: {
            200: z.object({
              ok: z.boolean(),
              sealed: z.number().int(),
              unsealed: z.number().int(),
              oldestUnsealedAt: z.string().nullable(),
              staleUnsealed: z
                .number()
                .int()
                .describe("Records unsealed for over a minute: a fault (the sealer is not running)"),
              head: z
                .object({ sealSeq: z.number().int(), hash: z.string() })
                .nullable()
                .describe(
                  "The chain's last link: keep it elsewhere, a later `motcua audit verify --head` checks it",
                ),
              problems: z.array(
                z.object({
                  sealSeq: z.number().int(),
                  id: z.string().nullable(),
                  problem: z.enum(["edited", "missing", "reordered"]),
                }),
              ),
              ms: z.number(),
            }),
            ...guardedErrorResponses,
          },
        },
      },
      async () => verifyAudit(ctx.db, ctx.now()),
    );
  };
