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
});

export type DemoEnv = z.infer<typeof demoEnvSchema>;

/** Demo data never reaches an external (production) database unless asked for. */
export function isDemo(env: Pick<DemoEnv, "MOTCUA_DEMO"> & { DATABASE_URL?: string | undefined }): boolean {
  return env.MOTCUA_DEMO === "auto" ? !env.DATABASE_URL : env.MOTCUA_DEMO === "true";
}
