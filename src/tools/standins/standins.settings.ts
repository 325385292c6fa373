import { z } from "zod";
import { isDemo } from "../demo/demo.settings.ts";

/** The stand-ins' slice of the environment. */
export const standinsEnvSchema = z.object({
  MOTCUA_STANDINS: z
    .enum(["auto", "true", "false"])
    .default("auto")
    .describe("Start the national-system stand-ins (auto: in demo mode) and point unset endpoints at them"),
  MOTCUA_STANDINS_PORT: z.coerce
    .number()
    .int()
    .default(3100)
    .describe(
      "First port of the stand-ins (DVCQG, population, registry, PayGov, SMS, SMTP, VNeID, TSA, CSC: nine in a row)",
    ),
});

export type StandinsEnv = z.infer<typeof standinsEnvSchema>;

/** Stand-ins run in demo mode unless told otherwise; never against a production database by default. */
export function runsStandins(env: StandinsEnv & Parameters<typeof isDemo>[0]): boolean {
  return env.MOTCUA_STANDINS === "auto" ? isDemo(env) : env.MOTCUA_STANDINS === "true";
}
