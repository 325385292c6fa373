import { z } from "zod";

/** The sync monitor's slice of the environment. */
export const syncMonitorEnvSchema = z.object({
  MOTCUA_SYNC_SLO_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe("Sync lag that raises the monitor's alert"),
});
