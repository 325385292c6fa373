import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, sendError } from "../../kernel/http/errors.ts";
import { decodeIdentityNumber } from "./cccd.ts";

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/identity/:number",
    {
      schema: {
        tags: ["identity"],
        summary: "Validate and decode a CCCD (12 digits) or accept an old CMND (9 digits); no lookup is made",
        params: z.object({ number: z.string().max(20) }),
        response: {
          200: z.object({
            kind: z.enum(["cccd", "cmnd"]),
            number: z.string(),
            birthRegistration: z
              .object({
                code: z.string(),
                provinceCode: z.string(),
                name: z.string(),
                nowInProvinceCode: z.string(),
              })
              .optional(),
            sex: z.enum(["male", "female"]).optional(),
            century: z.number().optional(),
            birthYear: z.number().optional(),
            summary: z.string(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const r = decodeIdentityNumber(req.params.number);
      return r.ok ? r.value : sendError(reply, r.error);
    },
  );
};
