import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { errorResponses, sendError } from "../../kernel/http/errors.ts";
import { getProcedure, searchProcedures } from "./catalog.service.ts";
import { procedureSchema } from "./catalog.types.ts";

const summarySchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  levels: z.array(z.string()),
  score: z.number().describe("Search rank; higher is closer"),
});

export const catalogRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/procedures",
      {
        schema: {
          tags: ["catalog"],
          summary: "Search the national procedure catalogue, with or without diacritics",
          querystring: z.object({
            q: z.string().max(200).default("").describe("Words of the name or the code, e.g. 'ket hon'"),
            field: z.string().optional().describe("Only this field (lĩnh vực)"),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            offset: z.coerce.number().int().min(0).max(10_000).default(0),
          }),
          response: { 200: z.object({ items: z.array(summarySchema) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await searchProcedures(ctx.db, req.query.q, req.query) }),
    );

    app.get(
      "/procedures/:code",
      {
        schema: {
          tags: ["catalog"],
          summary: "One procedure: channels with time and fee, components, results, legal basis",
          params: z.object({ code: z.string().describe("National code, e.g. 1.001193") }),
          response: { 200: procedureSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const r = await getProcedure(ctx.db, req.params.code);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );
  };
