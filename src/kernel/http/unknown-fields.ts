import type { FastifyInstance } from "fastify";
import { sendError } from "./errors.ts";
import { httpErrors } from "./http.errors.ts";

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields of a sent JSON body that validation dropped: names the schema does not know, at
 * any depth ("applicant.nickname", "components.0.colour"). Pure.
 */
export function unknownFields(sent: unknown, parsed: unknown, path = ""): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    return sent.flatMap((x, i) => unknownFields(x, parsed[i], `${path}${i}.`));
  }
  if (!isPlain(sent) || !isPlain(parsed)) return [];
  return Object.keys(sent).flatMap((k) =>
    k in parsed ? unknownFields(sent[k], parsed[k], `${path}${k}.`) : [`${path}${k}`],
  );
}

/**
 * Unknown fields are refused, not silently dropped: a client that misspells a field learns it
 * (and nothing it sent is half-taken). The sent body is kept before validation replaces it.
 */
export function registerUnknownFieldGuard(app: FastifyInstance) {
  const sent = new WeakMap<object, unknown>();
  app.addHook("preValidation", async (req) => {
    if (req.body && typeof req.body === "object") sent.set(req, req.body);
  });
  app.addHook("preHandler", async (req, reply) => {
    if (!req.routeOptions.schema?.body) return;
    const extra = unknownFields(sent.get(req), req.body);
    if (extra.length) {
      return sendError(reply, httpErrors.unknownFields(extra));
    }
  });
}
