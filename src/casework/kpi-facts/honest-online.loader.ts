import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../kernel/config/paths.ts";
import { type HonestOnlineRule, honestOnlineRuleSchema } from "./honest-online.ts";

/** The honest-online rule in force (config/kpi/honest-online.json), validated at load. */
export function loadHonestOnlineRule(): HonestOnlineRule {
  const raw = JSON.parse(readFileSync(join(repoRoot, "config", "kpi", "honest-online.json"), "utf8"));
  return honestOnlineRuleSchema.parse(raw);
}
