import { Gauge, Histogram, Registry } from "prom-client";
import { singleFlight, withTimeout } from "../../kernel/common/single-flight.ts";
import { type Db, poolOf } from "../../kernel/db/database.ts";
import { databaseGauges } from "./observability.repository.ts";
import { collectProcessDefaults, jobLastSuccess, processRegistry } from "./process-metrics.ts";

/** A scrape waits this long for the database's gauges, then answers without them. */
export const SCRAPE_DATABASE_MS = 2_000;

export interface ServerMetrics {
  contentType: string;
  /** One answered request: its route pattern (never the raw URL), so codes and ids add no series. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The exposition text; the database's gauges are read now, within SCRAPE_DATABASE_MS. */
  scrape(): Promise<string>;
}

/**
 * One server's metrics: request durations, its pools, and the gauges read from the database on
 * scrape through `gaugeDb` (the health probe's own pool when there is one, so a scrape never queues
 * behind dossier work). A failed read drops those gauges and sets motcua_metrics_database_up to 0;
 * the scrape itself still answers.
 */
export function serverMetrics(o: {
  pools: Record<string, Db>;
  gaugeDb: Db;
  now: () => Date;
  onError: (e: unknown) => void;
}): ServerMetrics {
  collectProcessDefaults();
  const registry = new Registry();
  const registers = [registry];
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP requests by method, route pattern and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const pools = Object.entries(o.pools).flatMap(([name, db]) => {
    const pool = poolOf(db);
    return pool ? [{ name, pool }] : [];
  });
  new Gauge({
    name: "motcua_db_pool_in_use",
    help: "Connections checked out of each pool",
    labelNames: ["pool"],
    registers,
    collect() {
      for (const p of pools) this.set({ pool: p.name }, p.pool.totalCount - p.pool.idleCount);
    },
  });
  new Gauge({
    name: "motcua_db_pool_waiting",
    help: "Requests waiting for a connection from each pool",
    labelNames: ["pool"],
    registers,
    collect() {
      for (const p of pools) this.set({ pool: p.name }, p.pool.waitingCount);
    },
  });
  const databaseUp = new Gauge({
    name: "motcua_metrics_database_up",
    help: "1 when this scrape read the database's gauges, 0 when it could not (they are left out)",
    registers,
  });
  const backlog = new Gauge({
    name: "motcua_outbox_backlog",
    help: "Outbox events not yet delivered, by topic",
    labelNames: ["topic"],
    registers,
  });
  const oldest = new Gauge({
    name: "motcua_outbox_oldest_seconds",
    help: "Age of the oldest undelivered outbox event, by topic (0: none)",
    labelNames: ["topic"],
    registers,
  });
  const syncLag = new Gauge({
    name: "motcua_sync_lag_seconds",
    help: "DVCQG sync lag: the older of the oldest unacknowledged change and the last hour's p99 change → acknowledged",
    registers,
  });
  const unsealed = new Gauge({
    name: "motcua_audit_unsealed",
    help: "Audit records not yet sealed into the hash chain",
    registers,
  });
  const sealLag = new Gauge({
    name: "motcua_audit_seal_lag_seconds",
    help: "Age of the oldest audit record not yet sealed (0: none)",
    registers,
  });
  const fromDatabase = [backlog, oldest, syncLag, unsealed, sealLag];
  const refresh = singleFlight(async () => {
    try {
      const g = await withTimeout(databaseGauges(o.gaugeDb, o.now()), SCRAPE_DATABASE_MS, "metrics");
      for (const m of fromDatabase) m.reset();
      for (const t of g.outbox) {
        backlog.set({ topic: t.topic }, t.backlog);
        oldest.set({ topic: t.topic }, t.oldestSeconds);
      }
      syncLag.set(g.syncLagSeconds);
      unsealed.set(g.auditUnsealed);
      sealLag.set(g.auditSealLagSeconds);
      for (const j of g.jobs) jobLastSuccess.set({ job: j.name }, j.at);
      databaseUp.set(1);
    } catch (e) {
      for (const m of fromDatabase) m.reset();
      databaseUp.set(0);
      o.onError(e);
    }
  });
  return {
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      duration.observe({ method, route, status: String(status) }, seconds);
    },
    async scrape() {
      await refresh();
      return (await processRegistry.metrics()) + (await registry.metrics());
    },
  };
}
