import { z } from "zod";

/** How the schema is brought up to date: at every start, or only by `motcua migrate up`. */
export const migrationEnvSchema = z.object({
  MOTCUA_MIGRATE_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .describe(
      "false: a start does not migrate; it refuses to start while migrations are pending (run `motcua migrate up` first)",
    ),
});

export type MigrationEnv = z.infer<typeof migrationEnvSchema>;
