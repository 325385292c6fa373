import { readFileSync } from "node:fs";
import type { z } from "zod";
import { repoRoot } from "../../kernel/config/paths.ts";

export function deploymentPath(id: string): string {
  return `${repoRoot}config/deployments/${id}.json`;
}

/**
 * Reads and validates a deployment file against a schema (app/settings.ts composes the modules'
 * slices into it); a bad file names the field instead of crashing later.
 */
export function readDeployment<S extends z.ZodType>(id: string, schema: S): z.output<S> {
  const text = readFileSync(deploymentPath(id), "utf8");
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config/deployments/${id}.json: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
