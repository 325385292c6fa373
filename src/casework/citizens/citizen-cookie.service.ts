import type { FastifyRequest } from "fastify";
import type { Db } from "../../kernel/db/database.ts";
import { citizenFor } from "./citizen-session.service.ts";

/** The cookie that carries a VNeID-verified citizen's session. */
export const CITIZEN_COOKIE = "motcua_citizen";

export function cookieOf(req: FastifyRequest, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** The VNeID-verified citizen of this request, if any. */
export async function citizenOf(ctx: { db: Db; now(): Date }, req: FastifyRequest) {
  const token = cookieOf(req, CITIZEN_COOKIE);
  return token ? citizenFor(ctx.db, token, ctx.now()) : null;
}
