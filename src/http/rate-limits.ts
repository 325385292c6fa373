import type { FastifyRequest } from "fastify";

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
