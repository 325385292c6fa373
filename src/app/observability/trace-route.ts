import type { FastifyInstance } from "fastify";

/** Where a request's route pattern is left on the raw request, for the HTTP span (tracing.service.ts). */
export const TRACE_ROUTE = Symbol.for("motcua.trace.route");

/**
 * Leaves each matched request's route pattern on the raw request, so its span is named
 * `GET /api/v1/inbox` rather than `GET`; one property write, and nothing of OpenTelemetry loaded.
 */
export function markTraceRoutes(app: FastifyInstance): void {
  app.addHook("onRequest", async (req) => {
    const route = req.routeOptions.url;
    if (route) (req.raw as unknown as Record<symbol, string>)[TRACE_ROUTE] = route;
  });
}
