import type { FastifyReply, FastifyRequest } from "fastify";
import { authErrors, type Official, officialForToken } from "../auth/auth.service.ts";
import type { AppContext } from "./app-context.ts";
import { sendError } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    official?: Official;
  }
}

/** preHandler for officials' routes: a valid bearer token, or 401. */
export function requireOfficial(ctx: AppContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const official = token ? await officialForToken(ctx.db, token, ctx.now()) : null;
    if (!official) return sendError(reply, authErrors.required());
    req.official = official;
  };
}

/** The official a guarded handler runs for (the guard guarantees it). */
export function officialOf(req: FastifyRequest): Official {
  if (!req.official) throw new Error("requireOfficial did not run");
  return req.official;
}
