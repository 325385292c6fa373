import type { FastifyInstance } from "fastify";
import { appError } from "../common/app-error.ts";
import { sendError } from "./errors.ts";

/** Whether a parsed value holds a NUL character anywhere (PostgreSQL text cannot store one). */
export function holdsNul(v: unknown, depth = 0): boolean {
  if (typeof v === "string") return v.includes("\u0000");
  if (!v || typeof v !== "object" || depth > 32) return false;
  if (Array.isArray(v)) return v.some((x) => holdsNul(x, depth + 1));
  return Object.entries(v).some(([k, x]) => k.includes("\u0000") || holdsNul(x, depth + 1));
}

/**
 * Refuses input the database would refuse later with an internal error: a NUL character in a
 * path, query or JSON body value (found by the fuzzer).
 */
export function registerInputGuard(app: FastifyInstance) {
  const refuse = () =>
    appError(
      "REQUEST_INVALID",
      400,
      "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL).",
      "The request contains a NUL character.",
    );
  // Path and query before the access hook reads a dossier by its code; the body once parsed.
  app.addHook("onRequest", async (req, reply) => {
    if (holdsNul(req.params) || holdsNul(req.query)) return sendError(reply, refuse());
  });
  app.addHook("preValidation", async (req, reply) => {
    if (holdsNul(req.body)) return sendError(reply, refuse());
  });
}
