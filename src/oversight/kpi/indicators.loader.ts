import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../kernel/config/paths.ts";
import { type IndicatorSet, indicatorSetSchema } from "./indicator.types.ts";

/** The shipped, versioned indicator sets (config/kpi/*.json), validated at load. */
export function loadIndicatorSet(file = "766-v1.json"): IndicatorSet {
  const raw = JSON.parse(readFileSync(join(repoRoot, "config", "kpi", file), "utf8"));
  const r = indicatorSetSchema.safeParse(raw);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`config/kpi/${file} không hợp lệ: ${where}`);
  }
  return r.data;
}
