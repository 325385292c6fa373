import type { IncomingMessage } from "node:http";
import { register } from "node:module";
import { TRACE_ROUTE } from "./trace-route.ts";

/**
 * OpenTelemetry traces (HTTP in and out, undici's fetch, pg) to the OTLP/HTTP endpoint, when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; bin/motcua.js calls this before the CLI loads, because an
 * instrumentation patches a module only when it loads after it. Unset: nothing of it is loaded.
 * Spans go as OTLP/HTTP JSON to `<endpoint>/v1/traces`, which every collector accepts on 4318.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  // ESM imports (pg, undici) are patched through import-in-the-middle's loader hook.
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
  const [
    { NodeSDK },
    { OTLPTraceExporter },
    { HttpInstrumentation },
    { UndiciInstrumentation },
    { PgInstrumentation },
  ] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/instrumentation-http"),
    import("@opentelemetry/instrumentation-undici"),
    import("@opentelemetry/instrumentation-pg"),
  ]);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || "motcua",
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      // Probes and scrapes come every few seconds and would bury the requests worth tracing.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: isProbe,
        applyCustomAttributesOnSpan(span, req) {
          const route = (req as unknown as Record<symbol, string | undefined>)[TRACE_ROUTE];
          if (!route || !("method" in req)) return;
          span.setAttribute("http.route", route);
          span.updateName(`${req.method} ${route}`);
        },
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
    ],
  });
  sdk.start();
  return true;
}

const PROBES = /^\/(health\/(live|ready)|metrics)(\?|$)/;

function isProbe(req: IncomingMessage): boolean {
  return PROBES.test(req.url ?? "");
}
