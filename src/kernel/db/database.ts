import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

// DATE columns stay "YYYY-MM-DD" strings: a calendar date has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

/**
 * Bounds on a pool's waits, so that a request answers or fails in bounded time and never hangs:
 * how long to wait for a free connection, and the server-side session timeouts.
 */
export interface PoolLimits {
  /** Waiting for a free connection from the pool (pg-pool's connectionTimeoutMillis). */
  acquireMs: number;
  /** A single statement (statement_timeout); 0: none, for tools that load or rebuild in bulk. */
  statementMs: number;
  /** Waiting for a row or table lock (lock_timeout); 0: none. */
  lockMs: number;
  /** A transaction left open with nothing running (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

/** Commands and workers: no statement bound (bulk loads and rebuilds run long), but no hang either. */
export const TOOL_LIMITS: PoolLimits = {
  acquireMs: 60_000,
  statementMs: 0,
  lockMs: 0,
  idleInTransactionMs: 300_000,
};

/** The API's requests: an exhausted pool or a held lock is a 503 within seconds, not a hang. */
export const SERVING_LIMITS: PoolLimits = {
  acquireMs: 5_000,
  statementMs: 30_000,
  lockMs: 5_000,
  idleInTransactionMs: 60_000,
};

/** Health checks: one connection, answered or failed within a second. */
export const PROBE_LIMITS: PoolLimits = {
  acquireMs: 1_000,
  statementMs: 1_000,
  lockMs: 1_000,
  idleInTransactionMs: 5_000,
};

let reportLost = (e: Error) => {
  process.stderr.write(`motcua: database connection lost: ${e.message}\n`);
};
/** Every pg client's 'error' listener: the failure reaches its query; the process lives. */
const connectionLost = (e: Error) => reportLost(e);

/** A server reports lost connections in its own log (one structured line), not as raw text on stderr. */
export function onConnectionLost(report: (e: Error) => void): void {
  reportLost = report;
}

const pools = new WeakMap<object, pg.Pool>();

/** How a pool's connections present themselves and how long they idle. */
export interface ConnectionOptions {
  /** Closes a connection unused this long (pg-pool's idleTimeoutMillis; 0: kept). Default 10 s. */
  idleMs?: number;
  /** Shown in pg_stat_activity, so a DBA sees which pool a session belongs to. */
  applicationName?: string;
  /**
   * Every transaction read-only (default_transaction_read_only): a replica pool fails loudly on
   * a stray write even when pointed at the primary, instead of working until a real replica.
   */
  readOnly?: boolean;
}

export function createDb(
  url: string,
  max = 10,
  limits: PoolLimits = TOOL_LIMITS,
  conn: ConnectionOptions = {},
): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: limits.acquireMs,
    ...(limits.statementMs ? { statement_timeout: limits.statementMs } : {}),
    ...(limits.lockMs ? { lock_timeout: limits.lockMs } : {}),
    idle_in_transaction_session_timeout: limits.idleInTransactionMs,
    ...(conn.idleMs !== undefined ? { idleTimeoutMillis: conn.idleMs } : {}),
    ...(conn.applicationName ? { application_name: conn.applicationName } : {}),
    ...(conn.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
  });
  // A connection can be closed by the server at any time (restart, failover, a DBA's
  // pg_terminate_backend, a timeout). Without a listener on each client, its 'error' event while
  // checked out would crash the process; with it, the running query fails and the pool drops the
  // client on release.
  pool.on("connect", (client) => client.on("error", connectionLost));
  pool.on("error", () => {}); // an idle client's error: already logged by its own listener
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** A single connection outside a pool (backups, restores): with the same listener as pooled ones. */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", connectionLost);
  await client.connect();
  return client;
}

/**
 * The pool behind a Db, for the few hot statements worth preparing once per connection (a named
 * statement skips parsing and planning). A transaction handle has none: callers use Kysely then.
 */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}

/**
 * Opens a pool's connections before the first requests: otherwise the first burst (a desk
 * office opening at 07:30) waits for ten connections and their authentication at once.
 */
export async function warmUp(db: Db, connections: number): Promise<void> {
  const pool = pools.get(db);
  if (!pool) return;
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  for (const c of clients) c.release();
}

/**
 * A URL that verifies the server against a CA file (MOTCUA_DB_CA_FILE), for pg and for libpq
 * tools (pg_dump) alike; what the URL already says about TLS wins.
 */
export function withCaFile(url: string, caFile: string | undefined): string {
  if (!caFile) return url;
  const u = new URL(url);
  if (!u.searchParams.has("sslrootcert")) u.searchParams.set("sslrootcert", caFile);
  if (!u.searchParams.has("sslmode")) u.searchParams.set("sslmode", "verify-full");
  return u.toString();
}
