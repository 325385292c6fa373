import { z } from "zod";

/** Steering's slice of the deployment file. */
export const steeringSettingsSchema = z.object({
  steering: z
    .object({
      reminderDays: z
        .array(z.number().int().min(1).max(365))
        .min(1)
        .default([30, 7, 1])
        .describe(
          "Nhắc việc: days before a regulation's, finding's or task's deadline when its agency is reminded",
        ),
    })
    .default({ reminderDays: [30, 7, 1] }),
});

export type SteeringSettings = z.infer<typeof steeringSettingsSchema>;
