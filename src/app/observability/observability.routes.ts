import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { singleFlight } from "../../kernel/common/single-flight.ts";
import { errorResponseSchema, sendError } from "../../kernel/http/errors.ts";
import type { AppContext } from "../context.ts";
import type { ServerMetrics } from "./metrics.service.ts";
import { observabilityErrors } from "./observability.errors.ts";
import { readiness } from "./readiness.service.ts";

const checkSchema = z.object({
  status: z.enum(["ok", "failing", "skipped"]).describe("skipped: the database did not answer"),
  reason: z.string().nullable().describe("Why it is not ok, in Vietnamese"),
});

const readinessSchema = z
  .object({
    status: z.enum(["ready", "unready"]),
    deployment: z.string(),
    checks: z.object({
      database: checkSchema,
      replica: checkSchema.optional().describe("Only when a read replica is configured"),
      migrations: checkSchema,
      auditSealer: checkSchema.describe("failing: a record has waited over 600 s to be sealed"),
      outbox: checkSchema.describe(
        "failing: a topic this instance delivers has an event waiting over 900 s with no delivery and no attempt meanwhile",
      ),
    }),
  })
  .meta({ id: "Readiness", description: "Whether this node should take traffic, check by check" });

// Probes come often from one address (the load balancer, Prometheus): never rate-limited.
const probe = { rateLimit: false } as const;
/** What every route answers to a NUL in its query (the input guard); probes send none. */
const refused = errorResponseSchema.describe("REQUEST_INVALID: a NUL or invisible-only text in the query");

/**
 * GET /health/live (the process answers; no database), GET /health/ready (what a load balancer
 * routes on) and GET /metrics (Prometheus; absent when `metrics` is null).
 */
export function observabilityRoutes(ctx: AppContext, metrics: ServerMetrics | null) {
  return async (app: FastifyInstance) => {
    app.get(
      "/health/live",
      {
        config: probe,
        schema: {
          tags: ["health"],
          summary: "Liveness: the process answers (no database); restart the node when it does not",
          response: { 200: z.object({ status: z.literal("ok") }), 400: refused },
        },
      },
      async () => ({ status: "ok" as const }),
    );

    const topics = [
      ...(ctx.integrations?.dvcqg ? ["dvcqg"] : []),
      ...(ctx.integrations?.notifier ? ["notify"] : []),
    ];
    // Probes arriving while one runs share its answer instead of queueing on the probe's connection.
    const ready = singleFlight(() =>
      readiness({
        db: ctx.probeDb ?? ctx.db,
        ...(ctx.probeReadDb ? { replica: ctx.probeReadDb } : {}),
        topics,
        now: ctx.now(),
      }),
    );
    app.get(
      "/health/ready",
      {
        config: probe,
        schema: {
          tags: ["health"],
          summary:
            "Readiness: the database and replica answer, migrations are current, the audit sealer and the outbox are not stuck",
          response: {
            200: readinessSchema,
            400: refused,
            503: readinessSchema.describe("Not ready: take the node out of rotation"),
          },
        },
      },
      async (_req, reply) => {
        const r = await ready();
        const body = {
          status: r.ready ? ("ready" as const) : ("unready" as const),
          deployment: ctx.deployment.id,
          checks: r.checks,
        };
        return r.ready ? body : reply.status(503).header("retry-after", "5").send(body);
      },
    );

    if (!metrics) return;
    const token = ctx.metrics?.token ?? null;
    app.get("/metrics", { config: probe, schema: { hide: true } }, async (req, reply) => {
      if (token && !bearerIs(req, token)) return sendError(reply, observabilityErrors.metricsTokenRequired());
      const text = await metrics.scrape();
      return reply.header("content-type", metrics.contentType).header("cache-control", "no-store").send(text);
    });
  };
}

export function bearerIs(req: Pick<FastifyRequest, "headers">, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7).trim() : "");
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
