import { z } from "zod";

/** DVCQG's slice of the environment: the national portal's endpoint and account. */
export const dvcqgEnvSchema = z.object({
  MOTCUA_DVCQG_URL: z.string().url().optional().describe("DVCQG endpoint base URL"),
  MOTCUA_DVCQG_USER: z.string().default("").describe("DVCQG account"),
  MOTCUA_DVCQG_PASSWORD: z.string().default("").describe("DVCQG password"),
  MOTCUA_DVCQG_UNIT: z.string().default("").describe("madonvi: the province's unit code on DVCQG"),
});
