import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authErrors } from "../../casework/auth/auth.errors.ts";
import { officialForToken } from "../../casework/auth/auth.service.ts";
import { jurisdictionOf } from "../../casework/auth/jurisdiction.service.ts";
import { covers } from "../../casework/auth/jurisdiction.ts";
import { accessErrors, dossierErrors } from "../../casework/dossiers/dossier.errors.ts";
import { officialAndDossier } from "../../casework/dossiers/dossier-access.repository.ts";
import { sendError } from "../../kernel/http/errors.ts";
import type { AppContext } from "../context.ts";
import { accessHookErrors } from "./access.errors.ts";
import { ACCESS_TABLE, accessKey, ROLE_VI, type RouteAccess } from "./access-table.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/**
 * Every API route takes its rule from the access table when it is registered (a route without
 * one stops the server from starting); each request is checked before its body is read: the
 * bearer token, the role, and for a dossier route the reader's jurisdiction over that dossier.
 */
export function registerAccessHook(app: FastifyInstance, ctx: AppContext) {
  app.addHook("onRoute", (route) => {
    if (!route.url?.startsWith("/api/v1/")) return;
    const key = accessKey(String(route.method), route.url);
    const access = ACCESS_TABLE[key];
    if (!access) throw new Error(`${key} has no rule in src/http/access-table.ts`);
    route.config = { ...route.config, access };
  });
  app.addHook("onRequest", async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access || access.who === "public" || access.who === "citizen") return;
    return checkOfficial(ctx, access, req, reply);
  });
}

async function checkOfficial(ctx: AppContext, access: RouteAccess, req: FastifyRequest, reply: FastifyReply) {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  const code = access.scope === "dossier" ? ((req.params as { code?: string }).code ?? "") : null;
  // A dossier route reads the token and the dossier together (one round trip, not three).
  const found = !token
    ? null
    : code === null
      ? { official: await officialForToken(ctx.db, token, ctx.now()), dossier: null }
      : await officialAndDossier(ctx.db, token, ctx.now(), code);
  const official = found?.official;
  if (!official) return sendError(reply, authErrors.required());
  req.official = official;
  const roles = access.who as readonly string[];
  if (!official.roles.some((r) => roles.includes(r))) {
    const names = (access.who as readonly (keyof typeof ROLE_VI)[]).map((r) => ROLE_VI[r]).join(", ");
    return sendError(reply, accessHookErrors.roleRequired(names, roles));
  }
  if (code === null) return;
  const dossier = found?.dossier;
  if (!dossier) return sendError(reply, dossierErrors.notFound(code));
  const agencies = [dossier.row.receiving_agency, dossier.row.handling_agency, ...dossier.subcaseAgencies];
  // Outside the jurisdiction answers exactly as an unknown code: a 403 would tell which codes exist.
  if (!covers(await jurisdictionOf(ctx.db, official), agencies)) {
    return sendError(reply, accessErrors.outsideJurisdiction(code));
  }
  req.checkedDossier = dossier;
}
