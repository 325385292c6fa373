import type { FastifyRequest } from "fastify";
import "./auth-guard.ts"; // FastifyRequest.official

// Per-route limits against guessing (passwords, 6-digit tracking PINs). Counters live in each
// process's memory: behind several app nodes the limit applies per node (see SECURITY notes).

/** Sign-in: 20 attempts per 5 minutes per address and username. */
export const LOGIN_LIMIT = {
  max: 20,
  timeWindow: 5 * 60_000,
  hook: "preHandler" as const,
  keyGenerator: (req: FastifyRequest) =>
    `${req.ip}|${String((req.body as { username?: string } | undefined)?.username ?? "")}`,
};

/** Tracking by code + PIN: 30 tries per 15 minutes per dossier, whoever asks (a PIN has 10⁶ values). */
export const PIN_LIMIT = {
  max: 30,
  timeWindow: 15 * 60_000,
  keyGenerator: (req: FastifyRequest) => `pin|${(req.params as { code?: string }).code ?? ""}`,
};

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
