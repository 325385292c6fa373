import type { FastifyInstance } from "fastify";
import type { ServerMetrics } from "./metrics.service.ts";
import { countReceptions } from "./process-metrics.ts";

/** Desk receptions answer here; a replay (Idempotent-Replayed) is the first one's answer, not a new dossier. */
const RECEPTION = "/api/v1/dossiers";

/**
 * Every answered request into the duration histogram, by route pattern (unmatched requests share
 * one label), and every committed desk reception into motcua_receptions_total.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    metrics.observeRequest(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (route === RECEPTION && req.method === "POST" && reply.statusCode === 201) {
      if (reply.getHeader("idempotent-replayed")) return;
      const channel = (req.body as { channel?: 1 | 2 | 3 } | undefined)?.channel;
      if (channel) countReceptions(channel);
    }
  });
}
