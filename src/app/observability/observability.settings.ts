import { z } from "zod";

/** Who may read GET /metrics: the Prometheus scrape of an HTTP node. */
export const observabilityEnvSchema = z.object({
  MOTCUA_METRICS: z
    .enum(["off", "on"])
    .default("on")
    .describe("Serve Prometheus metrics at GET /metrics (off: the route does not exist)"),
  MOTCUA_METRICS_TOKEN: z
    .string()
    .min(16, "at least 16 characters")
    .optional()
    .describe(
      "When set, GET /metrics answers only `Authorization: Bearer <token>` (Prometheus' bearer_token); unset: anyone who reaches the node may read it, so block /metrics at the reverse proxy",
    ),
  MOTCUA_WORKER_METRICS_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe(
      "`motcua worker` serves GET /metrics on this port (on HOST), with MOTCUA_METRICS_TOKEN's rule; unset: the worker serves nothing",
    ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url()
    .optional()
    .describe(
      "OpenTelemetry: send traces (HTTP, pg, outbound calls) as OTLP/HTTP JSON to <endpoint>/v1/traces; unset: no tracing, nothing of OpenTelemetry is loaded",
    ),
  OTEL_SERVICE_NAME: z.string().min(1).default("motcua").describe("OpenTelemetry: the traces' service.name"),
});

export type ObservabilityEnv = z.infer<typeof observabilityEnvSchema>;

/** Whether /metrics is served and the bearer token it asks for (null: none). */
export interface MetricsAccess {
  enabled: boolean;
  token: string | null;
}

export function metricsAccess(env: ObservabilityEnv): MetricsAccess {
  return { enabled: env.MOTCUA_METRICS === "on", token: env.MOTCUA_METRICS_TOKEN ?? null };
}
