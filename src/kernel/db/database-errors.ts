/**
 * Errors that mean "the database cannot serve this now", not "this request is wrong" or "motcua
 * is broken": a full pool, a lost or refused connection, a server shutting down or restarting,
 * a statement or lock wait that ran out of time. The request may be retried; the API answers 503
 * with Retry-After instead of 500.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (code.startsWith("08")) return true; // connection exception
    if (TRANSIENT_STATES.has(code)) return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  return typeof message === "string" && TRANSIENT_MESSAGES.some((m) => message.includes(m));
}

const TRANSIENT_STATES = new Set([
  "57P01", // admin_shutdown: the server is stopping, or pg_terminate_backend
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or in recovery
  "53300", // too_many_connections
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
  "25P03", // idle_in_transaction_session_timeout
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOENT", "EPIPE", "ETIMEDOUT"]);

/** What pg and pg-pool say when there is no SQLSTATE to go by. */
const TRANSIENT_MESSAGES = [
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "connection error and is not queryable",
  "Client was closed and is not queryable",
  "terminating connection",
];
