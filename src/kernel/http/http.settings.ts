import { z } from "zod";

/** The HTTP kit's slice of the environment: per-caller limits and the proxies to trust. */
export const httpEnvSchema = z.object({
  MOTCUA_RATE_LIMIT_OFFICIAL: z.coerce
    .number()
    .int()
    .min(0)
    .default(600)
    .describe("Requests per minute per signed-in official on routes without their own limit; 0: none"),
  MOTCUA_RATE_LIMIT_ADDRESS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1200)
    .describe("Requests per minute per address for anonymous callers (offices share addresses); 0: none"),
  MOTCUA_TRUST_PROXY: z
    .string()
    .regex(/^([\w.:/]+(, *[\w.:/]+)*)?$/, "addresses or CIDRs of the reverse proxies, comma-separated")
    .default("")
    .describe(
      "Reverse proxies in front of motcua (their addresses or CIDRs, comma-separated): the caller's address is then read from X-Forwarded-For, so rate limits and guess throttling count each citizen, not the proxy; empty: none",
    ),
});

export type HttpEnv = z.infer<typeof httpEnvSchema>;

/** Fastify's trustProxy from MOTCUA_TRUST_PROXY: the proxies' addresses or CIDRs, or none. */
export function trustedProxies(env: Pick<HttpEnv, "MOTCUA_TRUST_PROXY">): string[] | undefined {
  const v = env.MOTCUA_TRUST_PROXY.trim();
  return v ? v.split(",").map((a) => a.trim()) : undefined;
}
