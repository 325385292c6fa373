import { existsSync } from "node:fs";
import { join } from "node:path";
import type { AppError } from "../../kernel/common/app-error.ts";
import { isDemo, isProduction } from "../../tools/demo/demo.settings.ts";
import { runsStandins } from "../../tools/standins/standins.settings.ts";
import type { AppConfig } from "../settings.ts";
import { startErrors } from "./start.errors.ts";

/** A start that must not go on: carries the error the CLI prints (exit 1). */
export class StartRefused extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** The demo CA's files, made by `motcua pki demo` or demo mode; a production key never is one. */
const DEMO_KEY_FILES = ["demo-ca.pem", "demo-ca-key.pem", join("trusted", "demo-ca.pem")];

export const pkiDir = (config: AppConfig) => config.MOTCUA_PKI_DIR ?? join(config.MOTCUA_DATA_DIR, "pki");

/** What a production start would run that belongs to the demo; empty outside production. */
export function productionProblems(config: AppConfig): { vi: string; en: string }[] {
  if (!isProduction(config)) return [];
  const problems: { vi: string; en: string }[] = [];
  if (isDemo(config)) problems.push({ vi: "đang bật chế độ demo (MOTCUA_DEMO)", en: "demo mode is on" });
  if (runsStandins(config)) {
    problems.push({ vi: "sẽ chạy các hệ thống giả lập (MOTCUA_STANDINS)", en: "stand-ins would start" });
  }
  const keys = DEMO_KEY_FILES.filter((f) => existsSync(join(pkiDir(config), f)));
  if (keys.length > 0) {
    problems.push({
      vi: `thư mục chữ ký số ${pkiDir(config)} có khóa/chứng thư demo (${keys.join(", ")})`,
      en: `the PKI folder holds demo keys (${keys.join(", ")})`,
    });
  }
  return problems;
}

/** NODE_ENV=production refuses demo mode, stand-ins and demo keys unless explicitly allowed. */
export function refuseDemoInProduction(config: AppConfig): void {
  if (config.MOTCUA_ALLOW_DEMO_IN_PRODUCTION === "true") return;
  const problems = productionProblems(config);
  if (problems.length > 0) throw new StartRefused(startErrors.demoInProduction(problems));
}
