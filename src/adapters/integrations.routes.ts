import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext, Integrations } from "../app/context.ts";
import { guardedPinCheck } from "../casework/auth/throttle.service.ts";
import { officialOf } from "../kernel/http/auth-guard.ts";
import { errorResponseSchema, guardedErrorResponses, sendError } from "../kernel/http/errors.ts";
import { sendErrorWithRetry } from "../kernel/http/retry-after.ts";
import { integrationErrors } from "./integrations.errors.ts";
import { type PaymentContext, settlePayment, startOnlinePayment } from "./payment/payment.service.ts";
import { citizenForDesk } from "./population/population.service.ts";
import { syncStatus } from "./sync-monitor.service.ts";

const errors = guardedErrorResponses;

const notConfigured = integrationErrors.notConfigured;

export const integrationsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const need = <K extends keyof Integrations>(key: K): Integrations[K] | null =>
      ctx.integrations?.[key] ?? null;
    const paymentContext = async (): Promise<PaymentContext | null> => {
      const i = ctx.integrations;
      if (!i?.paygov) return null;
      return {
        db: ctx.db,
        deployment: ctx.deployment,
        calendar: await ctx.calendar(),
        now: ctx.now(),
        paygov: i.paygov,
        files: i.files,
        publicUrl: i.publicUrl,
      };
    };

    app.get(
      "/integrations/status",
      {
        schema: {
          tags: ["integrations"],
          summary:
            "Sync monitor: DVCQG lag p50/p99, backlog, failures by reason, SLO alert; the other systems' state",
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
      },
      async () => {
        const slo = ctx.integrations?.syncSloSeconds ?? 300;
        return {
          dvcqg: { configured: Boolean(need("dvcqg")), ...(await syncStatus(ctx.db, "dvcqg", slo)) },
          notifications: await syncStatus(ctx.db, "notify", slo),
          population: {
            configured: Boolean(need("population")),
            breaker: need("population")?.breakerState() ?? null,
          },
          registry: { configured: Boolean(need("registry")) },
          paygov: { configured: Boolean(need("paygov")) },
          virusScanner: need("virusScan")
            ? { configured: true }
            : {
                configured: false,
                warning: "Chưa cấu hình quét mã độc (MOTCUA_CLAMD): tệp tải lên chỉ được kiểm tra định dạng.",
              },
        };
      },
    );

    app.get(
      "/population/citizens/:idNumber",
      {
        schema: {
          tags: ["integrations"],
          summary:
            "Desk prefill from the population database (logged: who, why); old commune codes mapped to today's",
          params: z.object({
            idNumber: z.string().regex(/^(\d{9}|\d{12})$/, "số định danh gồm 12 chữ số (CMND cũ: 9)"),
          }),
          querystring: z.object({ purpose: z.string().trim().min(3).max(200).default("Tiếp nhận hồ sơ") }),
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
      },
      async (req, reply) => {
        const gw = need("population");
        if (!gw) return sendError(reply, notConfigured("Cơ sở dữ liệu quốc gia về dân cư"));
        const o = officialOf(req);
        const r = await citizenForDesk(ctx.db, gw, req.params.idNumber, {
          officialId: o.id,
          officialCode: o.agencyCode,
          purpose: req.query.purpose,
          dossierId: null,
        });
        return r.value;
      },
    );

    app.post(
      "/public/dossiers/:code/payments",
      {
        // The PIN is budgeted with tracking and rating (auth/throttle.service.ts).
        schema: {
          tags: ["public"],
          summary:
            "The citizen pays the requested fee online through PayGov; answer: where to send the browser",
          params: z.object({ code: z.string().min(1).max(64) }),
          querystring: z.object({ pin: z.string().regex(/^\d{4,8}$/, "mã tra cứu gồm 4–8 chữ số") }),
          response: {
            200: z.object({ reference: z.string(), payUrl: z.string(), amount: z.number() }),
            ...errors,
            429: errorResponseSchema.describe("TOO_MANY_GUESSES: wait as Retry-After says"),
          },
        },
      },
      async (req, reply) => {
        const pc = await paymentContext();
        if (!pc) return sendError(reply, notConfigured("Nền tảng thanh toán"));
        const { code } = req.params;
        const r = await guardedPinCheck(ctx.db, { address: req.ip, subject: code }, pc.now, () =>
          startOnlinePayment(pc, code, req.query.pin, req.ip),
        );
        return r.ok ? r.value : sendErrorWithRetry(reply, r.error);
      },
    );

    app.get(
      "/payments/return",
      {
        schema: {
          tags: ["public"],
          summary: "PayGov sends the citizen back here; motcua asks PayGov itself before believing it",
          querystring: z.object({ ref: z.string().min(1).max(100) }),
          response: { 200: z.object({ reference: z.string(), state: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        const pc = await paymentContext();
        if (!pc) return sendError(reply, notConfigured("Nền tảng thanh toán"));
        const r = await settlePayment(pc, req.query.ref);
        return r.ok ? { reference: req.query.ref, state: r.value } : sendError(reply, r.error);
      },
    );
  };
