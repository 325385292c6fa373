import { z } from "zod";
import { feedbackStatusSchema } from "./feedback.types.ts";

export const feedbackViewSchema = z.object({
  code: z.string(),
  kind: z.string(),
  subject: z.string(),
  title: z.string(),
  content: z.string().describe("Empty in the public list of answers"),
  status: feedbackStatusSchema,
  statusLabel: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  answer: z.string(),
  answeredAt: z.string().nullable(),
  published: z.boolean(),
});

export const feedbackInboxSchema = z.object({
  items: z.array(
    feedbackViewSchema.extend({
      submitterName: z.string(),
      submitterContact: z.string(),
      overdue: z.boolean(),
    }),
  ),
});

export const submittedSchema = z.object({
  code: z.string(),
  pin: z.string().describe("Keep it: with the code it shows the answer"),
  agencyCode: z.string(),
  dueAt: z.string().nullable(),
});
