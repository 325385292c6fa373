import { z } from "zod";

/** The business registry's slice of the environment. */
export const registryEnvSchema = z.object({
  MOTCUA_REGISTRY_URL: z.string().url().optional().describe("Business registration system base URL"),
  MOTCUA_REGISTRY_KEY: z.string().default("").describe("Business registration system API key"),
});
