import { z } from "zod";

/** Feedback's slice of the deployment file. */
export const feedbackSettingsSchema = z.object({
  feedback: z
    .object({
      dueWorkingDays: z
        .object({
          complaint: z.number().int().min(1).max(60).default(10),
          suggestion: z.number().int().min(1).max(60).default(10),
        })
        .default({ complaint: 10, suggestion: 10 })
        .describe("Working days to answer a phản ánh / kiến nghị [S]: configurable, 10 by default"),
    })
    .default({ dueWorkingDays: { complaint: 10, suggestion: 10 } }),
});

export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;
