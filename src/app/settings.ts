import { z } from "zod";
import { dvcqgEnvSchema } from "../adapters/dvcqg/dvcqg.settings.ts";
import { notifyEnvSchema, notifySettingsSchema } from "../adapters/notify/notify.settings.ts";
import { paygovEnvSchema } from "../adapters/payment/paygov.settings.ts";
import { populationEnvSchema } from "../adapters/population/population.settings.ts";
import { registryEnvSchema } from "../adapters/registry/registry.settings.ts";
import { syncMonitorEnvSchema } from "../adapters/sync-monitor.settings.ts";
import { vneidEnvSchema } from "../adapters/vneid/vneid.settings.ts";
import { authSettingsSchema } from "../casework/auth/auth.settings.ts";
import { documentsEnvSchema } from "../casework/documents/documents.settings.ts";
import { dossierSettingsSchema } from "../casework/dossiers/dossier.settings.ts";
import { feedbackSettingsSchema } from "../casework/feedback/feedback.settings.ts";
import { coreEnvSchema } from "../kernel/config/config.ts";
import { migrationEnvSchema } from "../kernel/db/migration.settings.ts";
import { poolEnvSchema } from "../kernel/db/pool.settings.ts";
import { filesEnvSchema } from "../kernel/files/files.settings.ts";
import { httpEnvSchema } from "../kernel/http/http.settings.ts";
import { steeringSettingsSchema } from "../oversight/steering/steering.settings.ts";
import { readDeployment } from "../reference/agencies/deployment.loader.ts";
import { deploymentBaseSchema } from "../reference/agencies/deployment.types.ts";
import { demoEnvSchema } from "../tools/demo/demo.settings.ts";
import { standinsEnvSchema } from "../tools/standins/standins.settings.ts";
import { observabilityEnvSchema } from "./observability/observability.settings.ts";

// The deployment settings are composed here from the slices each module declares: modules type
// against their own slice (and the deployment's base), never against this whole.

const workersEnvSchema = z.object({
  MOTCUA_WORKERS: z
    .enum(["in-process", "off"])
    .default("in-process")
    .describe("Run delivery workers in the app process, or only in `motcua worker`"),
});

/** Every environment variable `motcua` reads (documented in README.md's table). */
export const envSchema = z.object({
  ...coreEnvSchema.shape,
  ...poolEnvSchema.shape,
  ...migrationEnvSchema.shape,
  ...demoEnvSchema.shape,
  ...filesEnvSchema.shape,
  ...httpEnvSchema.shape,
  ...workersEnvSchema.shape,
  ...observabilityEnvSchema.shape,
  ...standinsEnvSchema.shape,
  ...syncMonitorEnvSchema.shape,
  ...dvcqgEnvSchema.shape,
  ...populationEnvSchema.shape,
  ...registryEnvSchema.shape,
  ...paygovEnvSchema.shape,
  ...notifyEnvSchema.shape,
  ...vneidEnvSchema.shape,
  ...documentsEnvSchema.shape,
});

export type AppConfig = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Cấu hình không hợp lệ: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

// In the order the fields always had, so that a file with several mistakes is still reported by
// the same first one.
const { publicBaseUrl, agencies, communeAgencies, ...province } = deploymentBaseSchema.shape;
const { retention, ...dossierCodes } = dossierSettingsSchema.shape;

/** A province's deployment file (config/deployments/<id>.json): the base and every module's slice. */
export const deploymentSchema = z.object({
  ...province,
  ...dossierCodes,
  ...notifySettingsSchema.shape,
  ...feedbackSettingsSchema.shape,
  ...steeringSettingsSchema.shape,
  retention,
  ...authSettingsSchema.shape,
  publicBaseUrl,
  agencies,
  communeAgencies,
});

export type Deployment = z.infer<typeof deploymentSchema>;

/** Loads and validates a deployment; a bad file names the field instead of crashing later. */
export function loadDeployment(id: string): Deployment {
  return readDeployment(id, deploymentSchema);
}
