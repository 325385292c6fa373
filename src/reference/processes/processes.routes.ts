import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { errorResponseSchema, sendError } from "../../kernel/http/errors.ts";
import { processDefinitionSchema } from "./process.types.ts";
import { currentProcess, saveProcess } from "./processes.service.ts";

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

export const processesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/procedures/:code/process",
      {
        schema: {
          tags: ["processes"],
          summary:
            "The procedure's current internal process (quy trình nội bộ), derived if none is configured",
          params: z.object({ code: z.string() }),
          response: { 200: processDefinitionSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await currentProcess(ctx.db, req.params.code, 1);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.put(
      "/procedures/:code/process",
      {
        schema: {
          tags: ["processes"],
          summary: "Provincial administrators store a new version; running dossiers keep theirs",
          params: z.object({ code: z.string() }),
          body: z
            .object({ duration: z.unknown(), pauseRule: z.unknown(), steps: z.unknown() })
            .describe("A process definition without version and origin"),
          response: { 200: processDefinitionSchema, ...errors },
        },
      },
      async (req, reply) => {
        const official = officialOf(req);
        const r = await saveProcess(ctx.db, { ...req.body, procedureCode: req.params.code }, official.id);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );
  };
