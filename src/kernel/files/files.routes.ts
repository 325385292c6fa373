import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { errorResponseSchema, sendError } from "../http/errors.ts";
import { fileForDownload } from "./file-download.service.ts";
import { contentDispositionOf } from "./file-name.ts";
import { fileErrors } from "./files.errors.ts";

/** Signed, expiring downloads: DVCQG fetches submitted files through these links. */
export const filesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/files/:id",
      {
        schema: {
          tags: ["public"],
          summary: "Download a file through a signed, expiring link",
          params: z.object({ id: z.string().regex(/^\d+$/) }),
          querystring: z.object({ exp: z.coerce.number().int(), sig: z.string().min(10).max(100) }),
          response: {
            // Bytes are sent as they are (Fastify serialises no Buffer); this only documents them.
            200: z.instanceof(Buffer).meta({ type: "string", format: "binary", description: "The file" }),
            400: errorResponseSchema,
            403: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (req, reply) => {
        const i = ctx.integrations;
        if (!i) return sendError(reply, fileErrors.notFound());
        const r = await fileForDownload(ctx.db, i, req.params.id, req.query.exp, req.query.sig, ctx.now());
        if (!r.ok) return sendError(reply, r.error);
        return reply
          .type(r.value.mime)
          .header("content-disposition", contentDispositionOf(r.value.name))
          .send(r.value.bytes);
      },
    );
  };
