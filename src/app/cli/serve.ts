import type { Logger } from "pino";
import { PkiFolder } from "../../casework/documents/pki.store.ts";
import {
  createDb,
  type Db,
  onConnectionLost,
  PROBE_LIMITS,
  warmUp,
  withCaFile,
} from "../../kernel/db/database.ts";
import { ownShutdownSignals } from "../../kernel/db/embedded-server.ts";
import { requestPools } from "../../kernel/db/request-pools.ts";
import { trustedProxies } from "../../kernel/http/http.settings.ts";
import { ensureKpiAggregates } from "../../oversight/kpi/recompute.service.ts";
import { isDemo } from "../../tools/demo/demo.settings.ts";
import { loadStandins } from "../../tools/standins/standins.loader.ts";
import { runsStandins } from "../../tools/standins/standins.settings.ts";
import { buildIntegrations } from "../bootstrap/integrations.ts";
import { pkiDir, refuseDemoInProduction } from "../bootstrap/production.ts";
import { startRuntime } from "../bootstrap/runtime.ts";
import { createLogger, logCrashes } from "../observability/logger.ts";
import { metricsAccess } from "../observability/observability.settings.ts";
import { serveWorkerMetrics } from "../observability/worker-metrics.service.ts";
import { buildServer } from "../server.ts";
import type { AppConfig } from "../settings.ts";
import { startWorkers } from "../workers/workers.ts";

/** API, web pages and (by default) the workers in one process; stand-ins too in demo mode. */
export async function serve(config: AppConfig): Promise<void> {
  const started = Date.now();
  refuseDemoInProduction(config);
  const logger = await createLogger(config.LOG_LEVEL);
  logCrashes(logger);
  onConnectionLost((e) => logger.warn({ err: e.message }, "database connection lost"));
  const rt = await startRuntime(config, (msg, data) => logger.info(data ?? {}, msg));
  await ensureKpiAggregates(rt.db, (msg, data) => logger.info(data ?? {}, msg));
  const publicUrl = config.MOTCUA_PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  // Loaded only when they run: their packages are development dependencies.
  const standinsModule = runsStandins(config) ? await loadStandins() : null;
  if (runsStandins(config) && !standinsModule)
    logger.warn(
      "stand-ins not started: their packages are development dependencies (install with npm ci, not --omit=dev)",
    );
  const standins = standinsModule
    ? await standinsModule.startStandins(
        config.MOTCUA_STANDINS_PORT,
        publicUrl,
        isDemo(config) ? new PkiFolder(pkiDir(config), true).ensureDemoCa() : undefined,
      )
    : null;
  if (standins) logger.info(standins.urls, "national-system stand-ins are serving (demo only)");
  const integrations = await buildIntegrations(
    config,
    rt.db,
    standins && standinsModule
      ? { urls: standins.urls, credentials: standinsModule.STANDIN_CREDENTIALS }
      : undefined,
  );
  // The API's requests get a pool of their own with bounded waits (an exhausted pool or a held
  // lock answers 503, never hangs); health checks one more, so they never queue behind dossiers;
  // the in-process workers keep the runtime's pool, so their batches never take a desk's connection.
  // Reports read the replica's read-only pool when DATABASE_READ_URL is set; its absence at
  // start is logged, not fatal: desks keep working, reports answer 503 until it is back.
  const pools = requestPools(rt.database.url, config);
  const api = pools.api;
  const probe = createDb(rt.database.url, 1, PROBE_LIMITS);
  // Readiness asks the replica through a probe connection of its own, like the primary.
  const probeRead = config.DATABASE_READ_URL
    ? createDb(withCaFile(config.DATABASE_READ_URL, config.MOTCUA_DB_CA_FILE), 1, PROBE_LIMITS)
    : undefined;
  await Promise.all([warmUp(api, config.MOTCUA_DB_POOL_MAX), warmUp(probe, 1)]);
  if (pools.reads) {
    await warmUp(pools.reads, 1).catch((e) => logger.error({ err: String(e) }, "read replica unreachable"));
  }
  const workerCtx = { ...rt, integrations };
  const ctx = {
    ...rt,
    db: api,
    readDb: pools.reads ?? api,
    probeDb: probe,
    ...(probeRead ? { probeReadDb: probeRead } : {}),
    pools: { api, probe, workers: rt.db, ...(pools.reads ? { reads: pools.reads } : {}) },
    metrics: metricsAccess(config),
    integrations,
    trustProxy: trustedProxies(config),
    callerLimits: {
      officialPerMinute: config.MOTCUA_RATE_LIMIT_OFFICIAL,
      addressPerMinute: config.MOTCUA_RATE_LIMIT_ADDRESS,
    },
  };
  const app = await buildServer(ctx, logger);
  const workers =
    config.MOTCUA_WORKERS === "in-process" ? startWorkers(workerCtx, integrations, logger) : null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    exitAnywayAfter(SHUTDOWN_LIMIT_MS, (m) => logger.error(m));
    await workers?.stop();
    await app.close();
    await pools.destroy();
    await probe.destroy();
    await probeRead?.destroy();
    await standins?.close();
    await integrations.signing?.close?.();
    await rt.close();
    process.exit(0);
  };
  ownShutdownSignals();
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(
    {
      url: `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`,
      ms: Date.now() - started,
      embedded: rt.database.embedded,
      workers: workers ? "in-process" : "off",
    },
    "motcua is serving",
  );
}

/** `motcua worker`: the workers alone, for running them as separate processes at scale. */
export async function work(config: AppConfig): Promise<void> {
  refuseDemoInProduction(config);
  const logger = await createLogger(config.LOG_LEVEL);
  logCrashes(logger);
  onConnectionLost((e) => logger.warn({ err: e.message }, "database connection lost"));
  const rt = await startRuntime(config, (msg, data) => logger.info(data ?? {}, msg));
  const integrations = await buildIntegrations(config, rt.db);
  const workers = startWorkers({ ...rt, integrations }, integrations, logger);
  const scrape = await workerMetrics(config, rt, logger);
  logger.info(
    { dvcqg: Boolean(integrations.dvcqg), metricsPort: scrape?.port ?? null },
    "motcua worker is running",
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    exitAnywayAfter(SHUTDOWN_LIMIT_MS, (m) => logger.error(m));
    await workers.stop();
    await scrape?.close();
    await integrations.signing?.close?.();
    await rt.close();
    process.exit(0);
  };
  ownShutdownSignals();
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

/** The worker's GET /metrics on MOTCUA_WORKER_METRICS_PORT, read through a probe connection of its own. */
async function workerMetrics(config: AppConfig, rt: { db: Db; database: { url: string } }, logger: Logger) {
  const access = metricsAccess(config);
  if (!config.MOTCUA_WORKER_METRICS_PORT || !access.enabled) return null;
  const probe = createDb(rt.database.url, 1, PROBE_LIMITS);
  const server = await serveWorkerMetrics({
    port: config.MOTCUA_WORKER_METRICS_PORT,
    host: config.HOST,
    access,
    pools: { workers: rt.db, probe },
    gaugeDb: probe,
    onError: (e) => logger.warn({ err: e }, "metrics: database gauges not read"),
  });
  return {
    port: server.port,
    close: async () => {
      await server.close();
      await probe.destroy();
    },
  };
}

/** Requests in flight, audit records and a running daily job get this long to finish. */
const SHUTDOWN_LIMIT_MS = 30_000;

/**
 * A shutdown that waits on something that never ends (a database restarted under the process, a
 * stuck request) must not hang the process: past the limit it exits with code 1, saying why.
 */
function exitAnywayAfter(ms: number, log: (message: string) => void) {
  setTimeout(() => {
    log(`shutdown did not finish in ${ms / 1000} s; exiting anyway`);
    process.exit(1);
  }, ms).unref();
}
