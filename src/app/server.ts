import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { integrationsRoutes } from "../adapters/integrations.routes.ts";
import { authRoutes } from "../casework/auth/auth.routes.ts";
import { citizensRoutes } from "../casework/citizens/citizens.routes.ts";
import { documentsRoutes, verifyPageRoutes } from "../casework/documents/documents.routes.ts";
import { deadlinesRoutes } from "../casework/dossiers/deadlines.routes.ts";
import { dossiersRoutes } from "../casework/dossiers/dossiers.routes.ts";
import { publicRoutes } from "../casework/dossiers/public.routes.ts";
import { feedbackPublicRoutes, feedbackRoutes } from "../casework/feedback/feedback.routes.ts";
import { formsRoutes } from "../casework/forms/forms.routes.ts";
import { officialsRoutes } from "../casework/officials/officials.routes.ts";
import { auditChainHealth } from "../kernel/audit/audit.repository.ts";
import { auditRoutes } from "../kernel/audit/audit.routes.ts";
import { auditChainHealthSchema } from "../kernel/audit/audit.types.ts";
import { singleFlight } from "../kernel/common/single-flight.ts";
import { isDatabaseUnavailable } from "../kernel/db/database-errors.ts";
import { filesRoutes } from "../kernel/files/files.routes.ts";
import { errorResponseSchema, sendError } from "../kernel/http/errors.ts";
import { httpErrors } from "../kernel/http/http.errors.ts";
import { registerInputGuard } from "../kernel/http/input-guard.ts";
import { callerLimit } from "../kernel/http/rate-limits.ts";
import { registerUnknownFieldGuard } from "../kernel/http/unknown-fields.ts";
import { kpiRoutes } from "../oversight/kpi/kpi.routes.ts";
import { kpiSteeringRoutes } from "../oversight/kpi/kpi-steering.routes.ts";
import { overviewRoutes } from "../oversight/overview/overview.routes.ts";
import { steeringRoutes } from "../oversight/steering/steering.routes.ts";
import { agenciesRoutes } from "../reference/agencies/agencies.routes.ts";
import { calendarRoutes } from "../reference/calendar/calendar.routes.ts";
import { catalogRoutes } from "../reference/catalog/catalog.routes.ts";
import { identityRoutes } from "../reference/identity/identity.routes.ts";
import { processesRoutes } from "../reference/processes/processes.routes.ts";
import { unitsRoutes } from "../reference/units/units.routes.ts";
import { registerAccessHook } from "./access/access-hook.ts";
import { registerAuditHook } from "./access/audit-hook.ts";
import type { AppContext } from "./context.ts";
import { serverMetrics } from "./observability/metrics.service.ts";
import { observabilityRoutes } from "./observability/observability.routes.ts";
import { registerRequestMetrics } from "./observability/request-metrics.ts";
import { markTraceRoutes } from "./observability/trace-route.ts";
import { swaggerOptions } from "./openapi.ts";
import { nationalDocumentsOf } from "./ports.ts";
import { isAppNavigation, registerWebApp, sendAppShell, WEB_DIST } from "./web-app.ts";

export async function buildServer(
  ctx: AppContext,
  logger?: FastifyBaseLogger,
  webDist: string = WEB_DIST,
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    genReqId: () => crypto.randomUUID(),
    ...(ctx.trustProxy !== undefined ? { trustProxy: ctx.trustProxy } : {}),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, swaggerOptions);
  await app.register(swaggerUi, { routePrefix: "/docs" });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: contentSecurityPolicy(app.swaggerCSP.script) },
  });
  // Routes that name a limit keep theirs (sign-in, PIN lookups); the rest get the per-caller one.
  const limits = ctx.callerLimits;
  await app.register(
    rateLimit,
    limits && (limits.officialPerMinute || limits.addressPerMinute) ? callerLimit(limits) : { global: false },
  );
  registerInputGuard(app);
  registerUnknownFieldGuard(app);
  registerAccessHook(app, ctx);
  registerAuditHook(app, ctx);
  const metrics =
    ctx.metrics?.enabled === false
      ? null
      : serverMetrics({
          pools: ctx.pools ?? { api: ctx.db, ...(ctx.probeDb ? { probe: ctx.probeDb } : {}) },
          gaugeDb: ctx.probeDb ?? ctx.db,
          now: () => ctx.now(),
          onError: (e) => app.log.warn({ err: e }, "metrics: database gauges not read"),
        });
  if (metrics) registerRequestMetrics(app, metrics);
  markTraceRoutes(app);

  app.setErrorHandler((error, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      const where = details.map((d) => d.path || "(gốc)").join(", ");
      return sendError(reply, httpErrors.invalid(where, details));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) {
      return sendError(reply, httpErrors.rateLimited());
    }
    if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return sendError(reply, httpErrors.tooLarge());
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({
        error: {
          code: "REQUEST_REJECTED",
          message: "Yêu cầu không hợp lệ.",
          messageEn: String((error as Error).message),
        },
      });
    }
    if (isDatabaseUnavailable(error)) {
      req.log.warn({ err: error }, "database unavailable");
      reply.header("retry-after", "5");
      return sendError(reply, httpErrors.databaseUnavailable());
    }
    req.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({
      error: {
        code: "INTERNAL",
        message: "Lỗi hệ thống, vui lòng thử lại sau.",
        messageEn: "Internal error.",
      },
    });
  });
  const hasWebApp = await registerWebApp(app, webDist);
  app.setNotFoundHandler((req, reply) =>
    hasWebApp && isAppNavigation(req)
      ? sendAppShell(reply)
      : sendError(reply, httpErrors.noRoute(req.url, req.method)),
  );

  await app.register(verifyPageRoutes(ctx));
  await app.register(observabilityRoutes(ctx, metrics));
  await app.register(
    async (api) => {
      // Checks that arrive while one is running share its answer instead of queueing on the probe's
      // one connection (load balancers probe often; under load the queue made health slow).
      const probeHealth = singleFlight(() =>
        auditChainHealth(ctx.probeDb ?? ctx.db, ctx.now()).catch(() => null),
      );
      api.get(
        "/health",
        {
          schema: {
            tags: ["health"],
            summary: "Liveness, database reachability and the audit chain (degraded while it is not sealing)",
            response: {
              200: z.object({
                status: z.enum(["ok", "degraded"]),
                database: z.literal("ok"),
                deployment: z.string(),
                auditChain: auditChainHealthSchema,
              }),
              // Health has no rule of its own: the per-address limit, when set, counts it too.
              429: errorResponseSchema,
              503: z.object({
                status: z.literal("unavailable"),
                database: z.literal("unavailable"),
                deployment: z.string(),
              }),
            },
          },
        },
        async (_req, reply) => {
          // Its own one-connection pool with a 1 s bound: health never queues behind dossier work.
          // One statement: the audit chain's oldest unsealed record also proves the database answers.
          const chain = await probeHealth();
          return chain
            ? {
                status: chain.status === "ok" ? ("ok" as const) : ("degraded" as const),
                database: "ok" as const,
                deployment: ctx.deployment.id,
                auditChain: chain,
              }
            : reply
                .status(503)
                .header("retry-after", "5")
                .send({
                  status: "unavailable" as const,
                  database: "unavailable" as const,
                  deployment: ctx.deployment.id,
                });
        },
      );
      await api.register(catalogRoutes(ctx));
      await api.register(unitsRoutes(ctx));
      await api.register(agenciesRoutes(ctx));
      await api.register(calendarRoutes(ctx));
      await api.register(identityRoutes);
      await api.register(authRoutes(ctx));
      await api.register(publicRoutes(ctx));
      await api.register(dossiersRoutes(ctx));
      await api.register(processesRoutes(ctx));
      await api.register(formsRoutes(ctx));
      await api.register(deadlinesRoutes(ctx));
      await api.register(integrationsRoutes(ctx));
      await api.register(filesRoutes(ctx));
      await api.register(citizensRoutes(ctx));
      await api.register(documentsRoutes(ctx, nationalDocumentsOf(ctx)));
      await api.register(overviewRoutes(ctx));
      await api.register(officialsRoutes(ctx));
      await api.register(kpiRoutes(ctx));
      await api.register(kpiSteeringRoutes(ctx));
      await api.register(feedbackPublicRoutes(ctx));
      await api.register(feedbackRoutes(ctx));
      await api.register(steeringRoutes(ctx));
      await api.register(auditRoutes(ctx));
    },
    { prefix: "/api/v1" },
  );
  return app;
}

/**
 * Only this origin's scripts (and the API docs' own inline scripts, by hash); inline styles are
 * allowed because the UI library sets style attributes. PDFs open from blob: URLs. Plain HTTP
 * keeps working behind a TLS proxy (no upgrade-insecure-requests).
 */
function contentSecurityPolicy(docsScripts: string[]) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...docsScripts],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'self'", "blob:"],
    frameSrc: ["'self'", "blob:"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    upgradeInsecureRequests: null,
  };
}
