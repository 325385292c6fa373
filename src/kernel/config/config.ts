import { z } from "zod";
import { repoRoot } from "./paths.ts";

/**
 * The kernel's slice of the environment: where to listen, the database, the deployment. Each
 * module declares its own slice (e.g. adapters/dvcqg/dvcqg.settings.ts) and app/settings.ts
 * composes them into the one schema `motcua` reads.
 */
export const coreEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe("HTTP port"),
  HOST: z.string().default("127.0.0.1").describe("Address to listen on; 0.0.0.0 to serve a network"),
  DATABASE_URL: z.string().optional().describe("External PostgreSQL; unset runs the embedded server"),
  MIGRATION_DATABASE_URL: z
    .string()
    .optional()
    .describe(
      "The tables' owner, for migrations and restores; the DATABASE_URL role then gets only the grants it needs (it cannot rewrite the audit log)",
    ),
  MOTCUA_DATA_DIR: z.string().default(`${repoRoot}.motcua`).describe("Folder for the embedded database"),
  MOTCUA_PG_PORT: z.coerce.number().int().default(54329).describe("Port of the embedded PostgreSQL"),
  MOTCUA_DEPLOYMENT: z.string().default("ninh-binh").describe("Deployment file in config/deployments/"),
  MOTCUA_PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .describe("Where citizens and national systems reach motcua; default http://localhost:PORT"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("Log level"),
});

export type CoreEnv = z.infer<typeof coreEnvSchema>;
