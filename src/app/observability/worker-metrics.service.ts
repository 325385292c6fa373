import { createServer, type IncomingMessage } from "node:http";
import type { Db } from "../../kernel/db/database.ts";
import { serverMetrics } from "./metrics.service.ts";
import { observabilityErrors } from "./observability.errors.ts";
import { bearerIs } from "./observability.routes.ts";
import type { MetricsAccess } from "./observability.settings.ts";

export interface WorkerMetrics {
  port: number;
  close(): Promise<void>;
}

/**
 * `motcua worker`'s GET /metrics on its own port: the same registry as an HTTP node's (job
 * last-success times, DVCQG-pulled receptions, the database's gauges) and the same token rule.
 * A bare node:http server: the worker has no API to put it in.
 */
export async function serveWorkerMetrics(o: {
  port: number;
  host: string;
  access: MetricsAccess;
  pools: Record<string, Db>;
  gaugeDb: Db;
  onError: (e: unknown) => void;
}): Promise<WorkerMetrics> {
  const metrics = serverMetrics({
    pools: o.pools,
    gaugeDb: o.gaugeDb,
    now: () => new Date(),
    onError: o.onError,
  });
  const server = createServer((req: IncomingMessage, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (o.access.token && !bearerIs(req, o.access.token)) {
      const e = observabilityErrors.metricsTokenRequired();
      const body = { error: { code: e.code, message: e.message, messageEn: e.messageEn } };
      res
        .writeHead(e.status, { "content-type": "application/json; charset=utf-8" })
        .end(JSON.stringify(body));
      return;
    }
    metrics.scrape().then(
      (text) =>
        res.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" }).end(text),
      (e) => {
        o.onError(e);
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
