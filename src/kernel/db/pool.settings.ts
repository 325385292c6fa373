import { existsSync } from "node:fs";
import { z } from "zod";

/**
 * The database pools' slice of the environment: a read replica for reports, pool sizes,
 * timeouts and TLS. `sslmode`, `sslrootcert` and the like in a URL are honoured as libpq does.
 */
export const poolEnvSchema = z.object({
  DATABASE_READ_URL: z
    .string()
    .optional()
    .describe(
      "A read replica (streaming standby) for the scorecard, rankings, trends, reports and their exports; unset: they read the primary",
    ),
  MOTCUA_DB_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(10)
    .describe("Connections of each node's request pool (and of its replica pool)"),
  MOTCUA_DB_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(5_000)
    .describe("A request waits this long for a free or new connection, then answers 503"),
  MOTCUA_DB_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe("A request's statement is cancelled after this long (statement_timeout); 0: never"),
  MOTCUA_DB_IDLE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe("An unused pooled connection is closed after this long; 0: kept"),
  MOTCUA_DB_CA_FILE: z
    .string()
    .optional()
    .refine((f) => f === undefined || existsSync(f), "không tìm thấy tệp chứng thư CA")
    .describe(
      "PEM file of the CA that signed the PostgreSQL servers' certificates: connections then use TLS and verify the server (as sslmode=verify-full)",
    ),
});

export type PoolEnv = z.infer<typeof poolEnvSchema>;
