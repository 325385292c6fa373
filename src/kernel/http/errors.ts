import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { AppError } from "../common/app-error.ts";

/** Every error the API returns has this shape: a stable code, Vietnamese and English messages. */
/**
 * Why personal data leaves the system (lý do xuất dữ liệu): required on every export, and kept
 * as the purpose of its audit record.
 */
export const exportReason = z
  .string()
  .trim()
  .min(5, "cần ghi lý do xuất dữ liệu (ít nhất 5 ký tự)")
  .max(300)
  .describe("Why the data is exported (Decree 13/2023): kept in the audit log");

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable machine-readable code, e.g. PROCEDURE_NOT_FOUND"),
      message: z.string().describe("Vietnamese message for the user"),
      messageEn: z.string().describe("English message"),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error", description: "Every error: a stable code, Vietnamese and English messages" });

export const errorResponses = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  422: errorResponseSchema,
} as const;

/** The errors a guarded route can answer with; each route spreads it into its response schema. */
export const guardedErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  413: errorResponseSchema,
  503: errorResponseSchema,
} as const;

export function sendError(reply: FastifyReply, e: AppError) {
  const body = {
    code: e.code,
    message: e.message,
    messageEn: e.messageEn,
    ...(e.details ? { details: e.details } : {}),
  };
  return reply.status(e.status).send({ error: body });
}
