import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { checkedDossierOf, officialOf } from "../../kernel/http/auth-guard.ts";
import { errorResponseSchema, exportReason, sendError } from "../../kernel/http/errors.ts";
import { jurisdictionErrors } from "../auth/auth.errors.ts";
import { jurisdictionOf } from "../auth/jurisdiction.service.ts";
import { covers } from "../auth/jurisdiction.ts";
import { type DossierFormNumber, FORM_TITLES } from "./dossier-forms.ts";
import { dossierFormPdf } from "./forms.service.ts";
import { registerPdf } from "./register.service.ts";

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
};
const formNumbers = Object.keys(FORM_TITLES) as [DossierFormNumber, ...DossierFormNumber[]];

export const formsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/dossiers/:code/forms/:file",
      {
        schema: {
          tags: ["forms"],
          summary:
            "Printable forms 01–06 (A5; 06 on A4) with Vietnamese fonts; 409 when a form does not apply",
          params: z.object({
            code: z.string().max(64),
            file: z.string().regex(/^0[1-6]\.pdf$/, "mẫu 01.pdf đến 06.pdf"),
          }),
          headers: z.object({
            "x-receipt-pin": z
              .string()
              .regex(/^\d{6}$/, "mã tra cứu gồm 6 chữ số")
              .optional()
              .describe(
                "Form 01 only: the PIN the reception answered, printed on the receipt (the server keeps only its hash, so a reprint without it says the PIN was given at reception); 422 if it does not match",
              ),
          }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const form = req.params.file.slice(0, 2) as DossierFormNumber;
        if (!formNumbers.includes(form)) return reply.status(404).send();
        const r = await dossierFormPdf(
          {
            db: ctx.db,
            deployment: ctx.deployment,
            calendar: await ctx.calendar(),
            now: ctx.now(),
            ...(ctx.integrations ? { publicUrl: ctx.integrations.publicUrl } : {}),
          },
          req.params.code,
          officialOf(req),
          form,
          checkedDossierOf(req, req.params.code),
          req.headers["x-receipt-pin"],
        );
        if (!r.ok) return sendError(reply, r.error);
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="${req.params.code}-mau-${form}.pdf"`)
          .send(r.value);
      },
    );

    app.get(
      "/registers/07.pdf",
      {
        schema: {
          tags: ["forms"],
          summary: "Form 07, the dossier register (sổ theo dõi) of an agency for a date range",
          querystring: z.object({
            from: z.string(),
            to: z.string(),
            agency: z.string().optional().describe("Your agency when absent"),
            reason: exportReason,
          }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const agency = req.query.agency ?? officialOf(req).agencyCode;
        if (!covers(await jurisdictionOf(ctx.db, officialOf(req)), [agency])) {
          return sendError(reply, jurisdictionErrors.agency(agency));
        }
        const r = await registerPdf(ctx.db, agency, req.query.from, req.query.to);
        if (!r.ok) return sendError(reply, r.error);
        return reply.type("application/pdf").send(r.value);
      },
    );
  };
