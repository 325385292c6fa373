import { z } from "zod";
import { repoRoot } from "./paths.ts";

const envSchema = z.object({
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
  MOTCUA_PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .describe("Where citizens and national systems reach motcua; default http://localhost:PORT"),
  MOTCUA_FILES_DIR: z.string().optional().describe("File store folder; default <data dir>/files"),
  MOTCUA_FILE_URL_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe("Signs download links; generated and kept in the database when unset"),
  MOTCUA_RATE_LIMIT_OFFICIAL: z.coerce
    .number()
    .int()
    .min(0)
    .default(600)
    .describe("Requests per minute per signed-in official on routes without their own limit; 0: none"),
  MOTCUA_RATE_LIMIT_ADDRESS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1200)
    .describe("Requests per minute per address for anonymous callers (offices share addresses); 0: none"),
  MOTCUA_TRUST_PROXY: z
    .string()
    .regex(/^([\w.:/]+(, *[\w.:/]+)*)?$/, "addresses or CIDRs of the reverse proxies, comma-separated")
    .default("")
    .describe(
      "Reverse proxies in front of motcua (their addresses or CIDRs, comma-separated): the caller's address is then read from X-Forwarded-For, so rate limits and guess throttling count each citizen, not the proxy; empty: none",
    ),
  MOTCUA_WORKERS: z
    .enum(["in-process", "off"])
    .default("in-process")
    .describe("Run delivery workers in the app process, or only in `motcua worker`"),
  MOTCUA_STANDINS: z
    .enum(["auto", "true", "false"])
    .default("auto")
    .describe("Start the national-system stand-ins (auto: in demo mode) and point unset endpoints at them"),
  MOTCUA_STANDINS_PORT: z.coerce
    .number()
    .int()
    .default(3100)
    .describe("First port of the stand-ins (DVCQG, population, registry, PayGov)"),
  MOTCUA_SYNC_SLO_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe("Sync lag that raises the monitor's alert"),
  MOTCUA_DVCQG_URL: z.string().url().optional().describe("DVCQG endpoint base URL"),
  MOTCUA_DVCQG_USER: z.string().default(""),
  MOTCUA_DVCQG_PASSWORD: z.string().default(""),
  MOTCUA_DVCQG_UNIT: z.string().default("").describe("madonvi: the province's unit code on DVCQG"),
  MOTCUA_POPULATION_URL: z.string().url().optional().describe("Population database endpoint base URL"),
  MOTCUA_POPULATION_KEY: z.string().default(""),
  MOTCUA_REGISTRY_URL: z.string().url().optional().describe("Business registration system base URL"),
  MOTCUA_REGISTRY_KEY: z.string().default(""),
  MOTCUA_PAYGOV_URL: z.string().url().optional().describe("PayGov base URL"),
  MOTCUA_PAYGOV_PARTNER: z.string().default(""),
  MOTCUA_PAYGOV_SECRET: z.string().default(""),
  MOTCUA_SMTP_URL: z
    .string()
    .url()
    .optional()
    .describe("SMTP server for applicant email, smtp://user:pass@host:port"),
  MOTCUA_MAIL_FROM: z.string().default("Một cửa Ninh Bình <khong-tra-loi@motcua.local>"),
  MOTCUA_SMS_URL: z.string().url().optional().describe("SMS gateway send endpoint"),
  MOTCUA_SMS_KEY: z.string().default(""),
  MOTCUA_VNEID_ISSUER: z.string().url().optional().describe("VNeID OpenID Connect issuer"),
  MOTCUA_VNEID_CLIENT_ID: z.string().default(""),
  MOTCUA_VNEID_CLIENT_SECRET: z.string().default(""),
  MOTCUA_PKI_DIR: z
    .string()
    .optional()
    .describe("Signing certificates (trusted/*.pem, agencies/<code>.p12); default <data dir>/pki"),
  MOTCUA_CLAMD: z
    .string()
    .regex(/^[\w.-]+:\d+$/, "host:port")
    .optional()
    .describe("ClamAV clamd for scanning uploads (host:port); unset: no virus scan, shown in the status"),
  MOTCUA_S3_ENDPOINT: z
    .string()
    .url()
    .optional()
    .describe("S3-compatible file store; unset: the local file system"),
  MOTCUA_S3_BUCKET: z.string().default("motcua-files"),
  MOTCUA_S3_REGION: z.string().default("ap-southeast-1"),
  MOTCUA_S3_ACCESS_KEY: z.string().default(""),
  MOTCUA_S3_SECRET_KEY: z.string().default(""),
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

/** Stand-ins run in demo mode unless told otherwise; never against a production database by default. */
export function runsStandins(config: AppConfig): boolean {
  return config.MOTCUA_STANDINS === "auto" ? isDemo(config) : config.MOTCUA_STANDINS === "true";
}

/** Fastify's trustProxy from MOTCUA_TRUST_PROXY: the proxies' addresses or CIDRs, or none. */
export function trustedProxies(config: AppConfig): string[] | undefined {
  const v = config.MOTCUA_TRUST_PROXY.trim();
  return v ? v.split(",").map((a) => a.trim()) : undefined;
}
