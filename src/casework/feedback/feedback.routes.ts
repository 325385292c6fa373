import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { errorResponseSchema, guardedErrorResponses, sendError } from "../../kernel/http/errors.ts";
import { sendErrorWithRetry } from "../../kernel/http/retry-after.ts";
import { guardedPinCheck } from "../auth/throttle.service.ts";
import { citizenOf } from "../citizens/citizen-cookie.service.ts";
import { feedbackErrors } from "./feedback.errors.ts";
import { feedbackInboxSchema, feedbackViewSchema, submittedSchema } from "./feedback.schemas.ts";
import {
  actOnFeedback,
  feedbackInbox,
  publishedAnswers,
  submitFeedback,
  trackFeedback,
} from "./feedback.service.ts";
import {
  feedbackActionSchema,
  feedbackStatusSchema,
  feedbackSubmissionSchema,
  ratingSchema,
} from "./feedback.types.ts";
import { rateDossier } from "./ratings.service.ts";

const publicErrors = {
  400: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  429: errorResponseSchema,
};
const pinQuery = z.object({ pin: z.string().regex(/^\d{4,8}$/, "mã tra cứu gồm 4–8 chữ số") });
/** Every code + PIN route shares one budget of wrong guesses per address and per code. */
const pinAttempt = (address: string, code: string) => ({ address, subject: code });
const FEEDBACK_WRONG = [feedbackErrors.notFound("").code];
/** Submissions: 10 per 10 minutes per address (a form, not a flood). */
const SUBMIT_LIMIT = { max: 10, timeWindow: 10 * 60_000 };

/** Phản ánh, kiến nghị from the public pages, and ratings of returned dossiers. */
export const feedbackPublicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const fctx = async () => ({
      db: ctx.db,
      deployment: ctx.deployment,
      calendar: await ctx.calendar(),
      now: ctx.now(),
    });

    app.post(
      "/public/feedback",
      {
        config: { rateLimit: SUBMIT_LIMIT },
        schema: {
          tags: ["feedback"],
          summary:
            "Submit a phản ánh or kiến nghị about a dossier (with its PIN), a procedure or an agency; anonymous allowed, VNeID-verified submitters are tracked",
          body: feedbackSubmissionSchema,
          response: { 201: submittedSchema, ...publicErrors },
        },
      },
      async (req, reply) => {
        const citizen = await citizenOf(ctx, req);
        const submit = async () => submitFeedback(await fctx(), req.body, citizen);
        // A dossier's PIN given here is a guess like any other: the same budget as tracking.
        const r =
          req.body.subject === "dossier"
            ? await guardedPinCheck(ctx.db, pinAttempt(req.ip, req.body.dossierCode ?? ""), ctx.now(), submit)
            : await submit();
        if (!r.ok) return sendErrorWithRetry(reply, r.error);
        return reply.status(201).send({ ...r.value, dueAt: r.value.dueAt?.toISOString() ?? null });
      },
    );

    app.get(
      "/public/feedback/:code",
      {
        schema: {
          tags: ["feedback"],
          summary: "The submitter's view of a PAKN by code and PIN: status, deadline, answer",
          params: z.object({ code: z.string().max(40) }),
          querystring: pinQuery,
          response: { 200: feedbackViewSchema, ...publicErrors },
        },
      },
      async (req, reply) => {
        const { code } = req.params;
        const r = await guardedPinCheck(
          ctx.db,
          pinAttempt(req.ip, code),
          ctx.now(),
          () => trackFeedback(ctx.db, code, req.query.pin),
          FEEDBACK_WRONG,
        );
        return r.ok ? r.value : sendErrorWithRetry(reply, r.error);
      },
    );

    app.post(
      "/public/feedback/:code/:decision",
      {
        schema: {
          tags: ["feedback"],
          summary: "The submitter accepts the answer (close) or says it did not settle the matter (reopen)",
          params: z.object({ code: z.string().max(40), decision: z.enum(["close", "reopen"]) }),
          querystring: pinQuery,
          body: z.object({ note: z.string().trim().max(1000).default("") }),
          response: { 200: z.object({ status: feedbackStatusSchema }), ...publicErrors },
        },
      },
      async (req, reply) => {
        const { decision } = req.params;
        const action =
          decision === "close"
            ? { type: "close" as const, note: req.body.note }
            : { type: "reopen" as const, note: req.body.note || "Người gửi chưa đồng ý với câu trả lời" };
        const r = await guardedPinCheck(
          ctx.db,
          pinAttempt(req.ip, req.params.code),
          ctx.now(),
          async () =>
            actOnFeedback(
              await fctx(),
              req.params.code,
              { kind: "submitter", id: null, pin: req.query.pin },
              action,
            ),
          FEEDBACK_WRONG,
        );
        return r.ok ? r.value : sendErrorWithRetry(reply, r.error);
      },
    );

    app.get(
      "/public/feedback-answers",
      {
        schema: {
          tags: ["feedback"],
          summary: "Answers the agencies published (the question's title and the answer; no submitter)",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ items: z.array(feedbackViewSchema) }), 400: errorResponseSchema },
        },
      },
      async (req) => ({ items: await publishedAnswers(ctx.db, req.query.limit) }),
    );

    app.post(
      "/public/dossiers/:code/rating",
      {
        schema: {
          tags: ["feedback"],
          summary: "The applicant rates a returned dossier (satisfied / neutral / dissatisfied), once",
          params: z.object({ code: z.string().max(64) }),
          querystring: pinQuery.extend({ via: z.enum(["tracking", "link"]).default("tracking") }),
          body: ratingSchema,
          response: { 200: z.object({ rating: z.string() }), ...publicErrors },
        },
      },
      async (req, reply) => {
        const { code } = req.params;
        const r = await guardedPinCheck(ctx.db, pinAttempt(req.ip, code), ctx.now(), () =>
          rateDossier(ctx.db, code, { pin: req.query.pin, via: req.query.via }, req.body, ctx.now()),
        );
        return r.ok ? r.value : sendErrorWithRetry(reply, r.error);
      },
    );
  };

/** Officials answer the PAKN routed to their agency; the counter's kiosk records ratings. */
export const feedbackRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/feedback",
      {
        schema: {
          tags: ["feedback"],
          summary:
            "The PAKN routed to your agency, earliest deadline first (administrators and supervisors: all)",
          querystring: z.object({
            status: feedbackStatusSchema.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: feedbackInboxSchema, ...guardedErrorResponses },
        },
      },
      async (req) => ({ items: await feedbackInbox(ctx.db, officialOf(req), req.query, ctx.now()) }),
    );

    app.post(
      "/feedback/:code/actions",
      {
        schema: {
          tags: ["feedback"],
          summary: "Assign, answer (optionally published), close or reopen a PAKN",
          params: z.object({ code: z.string().max(40) }),
          body: feedbackActionSchema,
          response: { 200: z.object({ status: feedbackStatusSchema }), ...guardedErrorResponses },
        },
      },
      async (req, reply) => {
        const o = officialOf(req);
        const r = await actOnFeedback(
          { db: ctx.db, deployment: ctx.deployment, calendar: await ctx.calendar(), now: ctx.now() },
          req.params.code,
          { kind: "official", id: o.id, roles: o.roles, agencyCode: o.agencyCode },
          req.body,
        );
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.post(
      "/dossiers/:code/rating",
      {
        schema: {
          tags: ["feedback"],
          summary: "Kiosk at the desk: the applicant rates in person on the counter's tablet (desk officers)",
          params: z.object({ code: z.string().max(64) }),
          body: ratingSchema,
          response: { 200: z.object({ rating: z.string() }), ...guardedErrorResponses },
        },
      },
      async (req, reply) => {
        const o = officialOf(req);
        const r = await rateDossier(
          ctx.db,
          req.params.code,
          { via: "kiosk", agencyCode: o.agencyCode },
          req.body,
          ctx.now(),
        );
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );
  };
