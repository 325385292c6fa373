import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

// DATE columns stay "YYYY-MM-DD" strings: a calendar date has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

const pools = new WeakMap<object, pg.Pool>();

export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection can be closed by the server (restart, failover, shutdown). pg drops it from
  // the pool; without a listener the 'error' event would crash the process.
  pool.on("error", (e) => process.stderr.write(`motcua: idle database connection closed: ${e.message}\n`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * The pool behind a Db, for the few hot statements worth preparing once per connection (a named
 * statement skips parsing and planning). A transaction handle has none: callers use Kysely then.
 */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}
