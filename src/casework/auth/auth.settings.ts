import { z } from "zod";
import { roleSchema } from "../../reference/processes/process.types.ts";

/** Sign-in's slice of the deployment file. */
export const authSettingsSchema = z.object({
  security: z
    .object({
      totpRoles: z
        .array(roleSchema)
        .default(["leader", "clerk", "admin"])
        .describe(
          "Roles that sign in with a second factor (TOTP): leaders, clerks, administrators by default",
        ),
    })
    .default({ totpRoles: ["leader", "clerk", "admin"] }),
});

export type AuthSettings = z.infer<typeof authSettingsSchema>;
