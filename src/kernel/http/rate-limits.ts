import type { FastifyRequest } from "fastify";
import "./auth-guard.ts"; // FastifyRequest.official

// The default limit of every route without its own. Guessing (passwords, PINs) is throttled
// separately, in PostgreSQL (auth/throttle.service.ts). These counters live in each process's
// memory: behind several app nodes the limit applies per node (see SECURITY.md).

/** Requests per minute for each signed-in official and each address otherwise; 0 turns one off. */
export interface CallerLimits {
  officialPerMinute: number;
  addressPerMinute: number;
}

/**
 * The default limit of every route without its own: per official once the access hook has named
 * them (so a second session does not double it), per address for anonymous callers.
 */
export function callerLimit(limits: CallerLimits) {
  return {
    global: true,
    hook: "preHandler" as const,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => (req.official ? `official|${req.official.id}` : `ip|${req.ip}`),
    max: (_req: FastifyRequest, key: string) =>
      (key.startsWith("official|") ? limits.officialPerMinute : limits.addressPerMinute) || 1_000_000_000,
  };
}
