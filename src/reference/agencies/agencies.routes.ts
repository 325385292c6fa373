import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { INT4_MAX } from "../../kernel/common/int32.ts";
import { errorResponses } from "../../kernel/http/errors.ts";
import { listAgencies } from "./agencies.service.ts";

const agencySchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  isDemo: z.boolean().describe("true while the code is a placeholder, not the DVCQG agency code"),
});

export const agenciesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/agencies",
      {
        schema: {
          tags: ["agencies"],
          summary: "The deployment's agency tree, one level at a time",
          querystring: z.object({
            parent: z.string().optional().describe("Children of this agency; the top level when absent"),
            q: z.string().max(100).optional().describe("Name contains (diacritics optional)"),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).max(INT4_MAX).default(0),
          }),
          response: { 200: z.object({ items: z.array(agencySchema) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await listAgencies(ctx.db, req.query) }),
    );
  };
