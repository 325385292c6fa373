import type { FastifyInstance } from "fastify";
import { auditKind, auditObject } from "../../kernel/audit/audit-policy.ts";
import { AuditWriter } from "../../kernel/audit/audit-writer.repository.ts";
import type { AppContext } from "../context.ts";

/**
 * Writes one audit record for each change made through the API, each read of personal data, and
 * each refusal or failure audit-policy.ts names, after the response: who (official, roles,
 * agency, address), what (route and object), why (the X-Purpose header, "mục đích"), when, the
 * outcome (status and error code), and the request id that ties it to the logs.
 */
export function registerAuditHook(app: FastifyInstance, ctx: AppContext) {
  // A creation's object is the one it made: its code or id, read from the 201 answer before it
  // is serialised (no parsing of the sent bytes on the reception path).
  const created = new WeakMap<object, string>();
  // A refusal's error code, the outcome its record keeps.
  const failed = new WeakMap<object, string>();
  const writer = new AuditWriter(ctx.db);
  app.addHook("onClose", () => writer.drain());
  app.addHook("preSerialization", async (req, reply, payload: unknown) => {
    if (reply.statusCode === 201 && payload && typeof payload === "object") {
      const made = (payload as { code?: unknown; id?: unknown }).code ?? (payload as { id?: unknown }).id;
      if (typeof made === "string" || typeof made === "number") created.set(req, String(made));
    } else if (reply.statusCode >= 400 && payload && typeof payload === "object") {
      const code = (payload as { error?: { code?: unknown } }).error?.code;
      if (typeof code === "string") failed.set(req, code);
    }
    return payload;
  });
  app.addHook("onResponse", async (req, reply) => {
    const pattern = req.routeOptions.url ?? "";
    const dossierRoute = req.routeOptions.config.access?.scope === "dossier";
    const kind = auditKind(req.method, pattern, reply.statusCode, dossierRoute);
    if (!kind) return;
    const o = req.official;
    const { idHash, ...object } = auditObject(pattern, (req.params ?? {}) as Record<string, string>);
    if (!object.objectId) object.objectId = created.get(req) ?? "";
    // An export's required reason, or the X-Purpose header any client may send.
    const reason = (req.query as { reason?: unknown } | undefined)?.reason;
    const purpose = String(req.headers["x-purpose"] ?? reason ?? "").slice(0, 300);
    const error = failed.get(req);
    // What a failed reception tried to file (the procedure; the applicant stays out of the log).
    const procedureCode = (req.body as { procedureCode?: unknown } | undefined)?.procedureCode;
    try {
      await writer.write({
        at: ctx.now(),
        actorKind: o ? "official" : "public",
        actorId: o ? String(o.id) : null,
        roles: o?.roles ?? [],
        agencyCode: o?.agencyCode ?? null,
        action: `${req.method} ${pattern}`,
        ...object,
        purpose,
        requestId: String(req.id),
        status: reply.statusCode,
        details: {
          kind,
          address: req.ip,
          ...(error ? { error } : {}),
          ...(kind === "failed-reception" && typeof procedureCode === "string"
            ? { procedureCode: procedureCode.slice(0, 40) }
            : {}),
          ...(idHash ? { idHash } : {}),
        },
      });
    } catch (e) {
      // The response is gone: the failure is logged loudly for the operators to reconcile.
      req.log.error({ err: e, action: `${req.method} ${pattern}` }, "audit record not written");
    }
  });
}
