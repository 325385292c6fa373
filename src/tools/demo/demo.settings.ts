import { z } from "zod";

/** The demo's slice of the environment. */
export const demoEnvSchema = z.object({
  MOTCUA_DEMO: z
    .enum(["auto", "true", "false"])
    .default("auto")
    .describe(
      "Demo mode: demo accounts (password 'demo') and a synthetic dossier history; auto = on with the embedded database",
    ),
  MOTCUA_DEMO_DOSSIERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(5_000_000)
    .default(50_000)
    .describe("Size of the synthetic demo year"),
  NODE_ENV: z
    .string()
    .optional()
    .describe(
      "production: never creates demo accounts or data, MOTCUA_DEMO=auto means off, and the start refuses demo mode, stand-ins and demo keys",
    ),
  MOTCUA_ALLOW_DEMO_IN_PRODUCTION: z
    .enum(["true", "false"])
    .default("false")
    .describe(
      "true: a production start (NODE_ENV=production) accepts demo mode, stand-ins and demo keys (a staging server); demo accounts and data are still never created",
    ),
});

export type DemoEnv = z.infer<typeof demoEnvSchema>;

/** Demo data never reaches an external (production) database unless asked for. */
export function isDemo(
  env: Pick<DemoEnv, "MOTCUA_DEMO"> & { DATABASE_URL?: string | undefined; NODE_ENV?: string | undefined },
): boolean {
  if (env.MOTCUA_DEMO === "auto") return !env.DATABASE_URL && !isProduction(env);
  return env.MOTCUA_DEMO === "true";
}

export const isProduction = (env: { NODE_ENV?: string | undefined }) => env.NODE_ENV === "production";

/** Demo accounts (public password, no second factor) and synthetic data: demo mode, never production. */
export const seedsDemoData = (env: Parameters<typeof isDemo>[0]) => isDemo(env) && !isProduction(env);
