import { readFileSync } from "node:fs";
import { repoRoot } from "../../kernel/config/paths.ts";
import { type Deployment, deploymentSchema } from "./deployment.types.ts";

export function deploymentPath(id: string): string {
  return `${repoRoot}config/deployments/${id}.json`;
}

/** Loads and validates a deployment; a bad file names the field instead of crashing later. */
export function loadDeployment(id: string): Deployment {
  const text = readFileSync(deploymentPath(id), "utf8");
  const parsed = deploymentSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config/deployments/${id}.json: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
