import { z } from "zod";
import { repoRoot } from "./paths.ts";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe("HTTP port"),
  HOST: z.string().default("127.0.0.1").describe("Address to listen on; 0.0.0.0 to serve a network"),
  DATABASE_URL: z.string().optional().describe("External PostgreSQL; unset runs the embedded server"),
  MOTCUA_DATA_DIR: z.string().default(`${repoRoot}.motcua`).describe("Folder for the embedded database"),
  MOTCUA_PG_PORT: z.coerce.number().int().default(54329).describe("Port of the embedded PostgreSQL"),
  MOTCUA_DEPLOYMENT: z.string().default("ninh-binh").describe("Deployment file in config/deployments/"),
  MOTCUA_DEMO: z
    .enum(["auto", "true", "false"])
    .default("auto")
    .describe(
      "Demo mode: demo accounts (password 'demo') and a synthetic dossier history; auto = on with the embedded database",
    ),
  MOTCUA_DEMO_DOSSIERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(5_000_000)
    .default(50_000)
    .describe("Size of the synthetic demo year"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type AppConfig = z.infer<typeof envSchema>;

/** Demo data never reaches an external (production) database unless asked for. */
export function isDemo(config: AppConfig): boolean {
  return config.MOTCUA_DEMO === "auto" ? !config.DATABASE_URL : config.MOTCUA_DEMO === "true";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Cấu hình không hợp lệ: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
