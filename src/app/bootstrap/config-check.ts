import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readSignersFile } from "../../casework/documents/signers-file.store.ts";
import { deploymentPath } from "../../reference/agencies/deployment.loader.ts";
import { isDemo, isProduction } from "../../tools/demo/demo.settings.ts";
import { runsStandins } from "../../tools/standins/standins.settings.ts";
import { type AppConfig, deploymentSchema, envSchema } from "../settings.ts";
import { pkiDir, productionProblems } from "./production.ts";

export interface ConfigProblem {
  /** env: a variable; deployment: the deployment file; signing: signers.json; production: a production start. */
  source: "env" | "deployment" | "signing" | "production";
  key: string;
  message: string;
}

export interface ConfigSummary {
  database: "embedded" | "external";
  ownerRole: "same" | "separate";
  mode: "production" | "development";
  demo: boolean;
  standins: boolean;
  deployment: string;
  signing: { pkiDir: string; signersFile: boolean; seal: boolean };
  tsa: string | null;
  migrateOnStart: boolean;
}

export type ConfigReport = { ok: true; summary: ConfigSummary } | { ok: false; problems: ConfigProblem[] };

// zod's Vietnamese messages; a schema's own message (already Vietnamese) wins.
const vi = { error: z.locales.vi().localeError };
const keyOf = (path: PropertyKey[]) => path.map(String).join(".") || "(tệp)";

/** Every problem of the environment and the deployment file, not only the first (loadConfig's). */
export function checkConfig(env: NodeJS.ProcessEnv): ConfigReport {
  const problems: ConfigProblem[] = [];
  const parsed = envSchema.safeParse(env, vi);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      problems.push({ source: "env", key: keyOf(i.path), message: i.message });
  }
  const id = parsed.success ? parsed.data.MOTCUA_DEPLOYMENT : (env.MOTCUA_DEPLOYMENT ?? "ninh-binh");
  problems.push(...checkDeployment(id));
  if (!parsed.success) return { ok: false, problems };
  const config = parsed.data;
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    problems.push({
      source: "env",
      key: "MIGRATION_DATABASE_URL",
      message: "chỉ dùng cùng DATABASE_URL; không có DATABASE_URL thì motcua chạy PostgreSQL nhúng",
    });
  }
  try {
    readSignersFile(pkiDir(config));
  } catch (e) {
    problems.push({
      source: "signing",
      key: "signers.json",
      message: `không đọc được: ${(e as Error).message}`,
    });
  }
  if (config.MOTCUA_ALLOW_DEMO_IN_PRODUCTION !== "true") {
    for (const p of productionProblems(config))
      problems.push({ source: "production", key: "NODE_ENV", message: p.vi });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, summary: summarise(config) };
}

function checkDeployment(id: string): ConfigProblem[] {
  const file = deploymentPath(id);
  const at = (message: string, key = "(tệp)"): ConfigProblem => ({ source: "deployment", key, message });
  if (!existsSync(file)) return [at(`không có tệp triển khai ${file} (MOTCUA_DEPLOYMENT=${id})`)];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return [at(`${file} không phải JSON hợp lệ: ${(e as Error).message}`)];
  }
  const r = deploymentSchema.safeParse(json, vi);
  return r.success ? [] : r.error.issues.map((i) => at(i.message, keyOf(i.path)));
}

function summarise(config: AppConfig): ConfigSummary {
  const demo = isDemo(config);
  return {
    database: config.DATABASE_URL ? "external" : "embedded",
    ownerRole: config.DATABASE_URL && config.MIGRATION_DATABASE_URL ? "separate" : "same",
    mode: isProduction(config) ? "production" : "development",
    demo,
    standins: runsStandins(config),
    deployment: config.MOTCUA_DEPLOYMENT,
    signing: {
      pkiDir: pkiDir(config),
      signersFile: existsSync(join(pkiDir(config), "signers.json")),
      seal: (config.MOTCUA_RESULT_SEAL ?? (demo ? "on" : "off")) === "on",
    },
    tsa: config.MOTCUA_TSA_URL ?? (runsStandins(config) ? "stand-in" : null),
    migrateOnStart: config.MOTCUA_MIGRATE_ON_START === "true",
  };
}
