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
