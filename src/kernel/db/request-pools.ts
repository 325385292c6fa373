import { createDb, type Db, SERVING_LIMITS, withCaFile } from "./database.ts";
import type { PoolEnv } from "./pool.settings.ts";

export interface RequestPools {
  /** The primary: every write, and every read that must see it. */
  api: Db;
  /** The replica's read-only pool (DATABASE_READ_URL); null: reports read `api`. */
  reads: Db | null;
  destroy(): Promise<void>;
}

/** A node's request pools, sized and bounded from the environment (MOTCUA_DB_*). */
export function requestPools(primaryUrl: string, env: PoolEnv): RequestPools {
  const limits = {
    ...SERVING_LIMITS,
    acquireMs: env.MOTCUA_DB_CONNECT_TIMEOUT_MS,
    statementMs: env.MOTCUA_DB_STATEMENT_TIMEOUT_MS,
  };
  const idleMs = env.MOTCUA_DB_IDLE_TIMEOUT_MS;
  const api = createDb(primaryUrl, env.MOTCUA_DB_POOL_MAX, limits, { idleMs, applicationName: "motcua" });
  const reads = env.DATABASE_READ_URL
    ? createDb(withCaFile(env.DATABASE_READ_URL, env.MOTCUA_DB_CA_FILE), env.MOTCUA_DB_POOL_MAX, limits, {
        idleMs,
        applicationName: "motcua-read",
        readOnly: true,
      })
    : null;
  return {
    api,
    reads,
    destroy: async () => {
      await api.destroy();
      await reads?.destroy();
    },
  };
}
