import { z } from "zod";

/** The population database's slice of the environment. */
export const populationEnvSchema = z.object({
  MOTCUA_POPULATION_URL: z.string().url().optional().describe("Population database endpoint base URL"),
  MOTCUA_POPULATION_KEY: z.string().default("").describe("Population database API key"),
});
