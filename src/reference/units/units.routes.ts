import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { errorResponses, sendError } from "../../kernel/http/errors.ts";
import { findUnit, searchUnits } from "./units.service.ts";

const unitSchema = z
  .object({
    code: z.string(),
    era: z.enum(["pre2025", "post2025"]).describe("Before or after the 1 July 2025 reorganisation"),
    level: z.string(),
    name: z.string(),
    fullName: z.string(),
    nameEn: z.string(),
    unitType: z.string(),
    parentCode: z.string().nullable(),
    provinceCode: z.string(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  })
  .meta({ id: "Unit", description: "Đơn vị hành chính: an administrative unit in one era" });
const linkSchema = z.object({ code: z.string(), fullName: z.string(), kind: z.enum(["full", "partial"]) });

export const unitsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/units",
      {
        schema: {
          tags: ["units"],
          summary: "Find administrative units by name (diacritics and tone-mark style do not matter)",
          querystring: z.object({
            q: z.string().min(1).max(100),
            era: z.enum(["pre2025", "post2025"]).optional(),
            province: z
              .string()
              .regex(/^\d{2}$/)
              .optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(unitSchema) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await searchUnits(ctx.db, req.query.q, req.query) }),
    );

    app.get(
      "/units/:code",
      {
        schema: {
          tags: ["units"],
          summary: "Every unit that carried this code, with its successors (old) or predecessors (new)",
          params: z.object({ code: z.string() }),
          response: {
            200: z.object({
              items: z.array(
                unitSchema.extend({ successors: z.array(linkSchema), predecessors: z.array(linkSchema) }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const r = await findUnit(ctx.db, req.params.code);
        return r.ok ? { items: r.value } : sendError(reply, r.error);
      },
    );
  };
