import { z } from "zod";

/** PayGov's slice of the environment. */
export const paygovEnvSchema = z.object({
  MOTCUA_PAYGOV_URL: z.string().url().optional().describe("PayGov base URL"),
  MOTCUA_PAYGOV_PARTNER: z.string().default("").describe("PayGov partner code"),
  MOTCUA_PAYGOV_SECRET: z.string().default("").describe("PayGov checksum secret"),
});
