import type { FastifyReply } from "fastify";
import type { AppError } from "../common/app-error.ts";
import { sendError } from "./errors.ts";

/** sendError, plus the Retry-After header when a 429 says how long to wait (details.retryAfterSeconds). */
export function sendErrorWithRetry(reply: FastifyReply, e: AppError) {
  const wait = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (e.status === 429 && typeof wait === "number") reply.header("Retry-After", String(wait));
  return sendError(reply, e);
}
