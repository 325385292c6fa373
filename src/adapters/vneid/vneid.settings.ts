import { z } from "zod";

/** VNeID's slice of the environment. */
export const vneidEnvSchema = z.object({
  MOTCUA_VNEID_ISSUER: z.string().url().optional().describe("VNeID OpenID Connect issuer"),
  MOTCUA_VNEID_CLIENT_ID: z.string().default("").describe("VNeID client id"),
  MOTCUA_VNEID_CLIENT_SECRET: z.string().default("").describe("VNeID client secret"),
});
