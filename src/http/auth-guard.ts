import type { FastifyReply, FastifyRequest } from "fastify";
import { authErrors, type Official, officialForToken } from "../auth/auth.service.ts";
import { appError } from "../common/app-error.ts";
import type { Role } from "../processes/process.types.ts";
import type { AppContext } from "./app-context.ts";
import { sendError } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    official?: Official;
  }
}

/**
 * onRequest hook for officials' routes: a valid bearer token, or 401, before the body is read or
 * validated (an anonymous caller learns nothing about what the route expects).
 */
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

/** preHandler after requireOfficial: one of the roles, or 403 with the Vietnamese reason given. */
export function requireRole(roles: readonly Role[], vi: string, en: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!officialOf(req).roles.some((r) => roles.includes(r))) {
      return sendError(reply, appError("ROLE_REQUIRED", 403, vi, en, { roles }));
    }
  };
}

/** Those who steer by the numbers: leaders, heads, administrators and supervisors. */
export const STEERING_ROLES: readonly Role[] = ["leader", "head", "admin", "supervisor"];

/** Both guards for a plugin whose every route is for those who steer (what they see is in `vi`). */
export function guardSteering(
  app: { addHook(name: "onRequest" | "preHandler", fn: ReturnType<typeof requireOfficial>): unknown },
  ctx: AppContext,
  vi: string,
  en: string,
) {
  app.addHook("onRequest", requireOfficial(ctx));
  app.addHook(
    "preHandler",
    requireRole(
      STEERING_ROLES,
      `Chỉ lãnh đạo, trưởng phòng, quản trị và giám sát ${vi}`,
      `Only leaders, heads, administrators and supervisors ${en}`,
    ),
  );
}
