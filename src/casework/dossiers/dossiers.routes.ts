import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { INT4_MAX } from "../../kernel/common/int32.ts";
import { checkedDossierOf, officialOf } from "../../kernel/http/auth-guard.ts";
import { errorResponseSchema, guardedErrorResponses, sendError } from "../../kernel/http/errors.ts";
import { vnIso } from "../../reference/calendar/local-time.ts";
import { processVersion } from "../../reference/processes/processes.service.ts";
import { takeAction } from "./actions.service.ts";
import { workingHours } from "./deadlines.ts";
import { actionRequestSchema, receptionRequestSchema } from "./dossier.types.ts";
import { dossierHistory, dossierView, inbox, readableDossier } from "./dossier-queries.service.ts";
import { dossierStatusSchema } from "./dossier-status.ts";
import { dossierViewSchema, historyPageSchema, inboxPageSchema, trailSchema } from "./dossier-views.ts";
import { receiveDossier } from "./reception.service.ts";
import { dossierTrail } from "./trail.service.ts";

const errors = guardedErrorResponses;
const codeParam = z.object({ code: z.string().min(1).max(64) });
const receptionResponseSchema = z.object({
  code: z.string().describe("Mã hồ sơ"),
  pin: z.string().describe("Printed on the receipt (mẫu 01); a replay answers with the same PIN"),
  identityCheck: z
    .string()
    .describe(
      "Population database: verified, mismatch, not-found, pending (checked later), not-applicable, not-configured",
    ),
  retypedFields: z.array(z.string()).describe("Registry fields an official typed anyway (goal: none)"),
  status: z.string(),
  dvcqgStatus: z.number(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  componentsNotSubmitted: z.array(z.string()),
  replayed: z.boolean(),
  receiptUrl: z.string().describe("The receipt (mẫu 01) to print for the citizen, under /api/v1"),
});

export const dossiersRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/dossiers",
      {
        schema: {
          tags: ["dossiers"],
          summary: "Receive a dossier at the desk (tiếp nhận): accept, ask for completion, or refuse",
          headers: z.object({
            "idempotency-key": z
              .string()
              .min(8)
              .max(100)
              .optional()
              .describe(
                "One per reception the desk means to make (a UUID): a retry after a lost answer gets the original answer, never a second dossier",
              ),
          }),
          body: receptionRequestSchema,
          response: {
            201: receptionResponseSchema.describe(
              "The dossier received; a replay of the same request with the same Idempotency-Key (within 24 h) gets this same answer again, with replayed: true and the header Idempotent-Replayed",
            ),
            422: errorResponseSchema.describe(
              "IDEMPOTENCY_KEY_REUSED: the key was already used for a different request",
            ),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const r = await receiveDossier(
          {
            db: ctx.db,
            deployment: ctx.deployment,
            calendar: await ctx.calendar(),
            now: ctx.now(),
            identity: ctx.integrations?.population ?? null,
            registry: ctx.integrations?.registry ?? null,
          },
          officialOf(req),
          req.body,
          req.headers["idempotency-key"],
        );
        if (!r.ok) return sendError(reply, r.error);
        const v = r.value;
        // A replay is the original answer, status included, as payment APIs give it.
        if (v.replayed) reply.header("idempotent-replayed", "true");
        return reply.status(201).send({
          ...v,
          receivedAt: vnIso(v.receivedAt),
          dueAt: vnIso(v.dueAt),
          receiptUrl: `/api/v1/dossiers/${encodeURIComponent(v.code)}/forms/01.pdf`,
        });
      },
    );

    app.get(
      "/dossiers/:code",
      {
        schema: {
          tags: ["dossiers"],
          summary: "A dossier with its current step, deadlines, flags and the actions open to you",
          params: codeParam,
          response: { 200: dossierViewSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await dossierView(
          ctx.db,
          await ctx.calendar(),
          req.params.code,
          officialOf(req),
          ctx.now(),
          checkedDossierOf(req, req.params.code),
        );
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.get(
      "/dossiers/:code/history",
      {
        schema: {
          tags: ["dossiers"],
          summary: "The action journal, paged (after = last seq seen)",
          params: codeParam,
          querystring: z.object({
            after: z.coerce.number().int().min(0).max(INT4_MAX).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: historyPageSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await dossierHistory(
          ctx.db,
          req.params.code,
          officialOf(req),
          req.query,
          checkedDossierOf(req, req.params.code),
        );
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.get(
      "/dossiers/:code/trail",
      {
        schema: {
          tags: ["dossiers"],
          summary:
            "Responsibility trail: who held it at each step, for how many working hours, early/on time/late; ping-pong and stall flags",
          params: codeParam,
          response: { 200: trailSchema, ...errors },
        },
      },
      async (req, reply) => {
        const readable = await readableDossier(
          ctx.db,
          req.params.code,
          officialOf(req),
          checkedDossierOf(req, req.params.code),
        );
        if (!readable.ok) return sendError(reply, readable.error);
        const d = readable.value;
        const process = await processVersion(ctx.db, d.procedure_code, d.process_version);
        const trail = await dossierTrail(ctx.db, await ctx.calendar(), d, process, ctx.now());
        return {
          ...trail,
          holdings: trail.holdings.map((h) => ({
            ...h,
            from: vnIso(h.from),
            to: vnIso(h.to),
            dueAt: vnIso(h.dueAt),
            workingHours: workingHours(h.workingMs),
          })),
        };
      },
    );

    app.post(
      "/dossiers/:code/actions",
      {
        schema: {
          tags: ["dossiers"],
          summary: "Take an action; 403 without the role, 409 when the state or step forbids it",
          params: codeParam,
          body: actionRequestSchema,
          response: {
            200: z.object({ seq: z.number(), status: z.string(), dvcqgStatus: z.number() }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const i = ctx.integrations;
        const r = await takeAction(
          {
            db: ctx.db,
            deployment: ctx.deployment,
            calendar: await ctx.calendar(),
            now: ctx.now(),
            documents: i
              ? {
                  files: i.files,
                  signing: i.signing,
                  publicUrl: i.publicUrl,
                  provinceCode: ctx.deployment.provinceCode,
                }
              : null,
          },
          req.params.code,
          officialOf(req),
          req.body,
        );
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.get(
      "/inbox",
      {
        schema: {
          tags: ["dossiers"],
          summary: "Your work queue, ordered by due date, paged with a cursor",
          querystring: z.object({
            cursor: z.string().max(60).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            status: dossierStatusSchema
              .optional()
              .describe("Only this status (e.g. submitted: online, to check)"),
            flag: z
              .enum(["overdue", "due-soon"])
              .optional()
              .describe("Only overdue, or due within a working day"),
            q: z.string().trim().min(1).max(64).optional().describe("Dossier code prefix"),
          }),
          response: { 200: inboxPageSchema, ...errors },
        },
      },
      async (req) => inbox(ctx.db, await ctx.calendar(), officialOf(req), req.query, ctx.now()),
    );
  };
