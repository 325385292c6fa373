import { z } from "zod";
import { notificationSettingsSchema } from "./notification-templates.ts";

/** Notifications' slice of the environment: the mail server and the SMS gateway. */
export const notifyEnvSchema = z.object({
  MOTCUA_SMTP_URL: z
    .string()
    .url()
    .optional()
    .describe("SMTP server for applicant email, smtp://user:pass@host:port"),
  MOTCUA_MAIL_FROM: z
    .string()
    .default("Một cửa Ninh Bình <khong-tra-loi@motcua.local>")
    .describe("Sender of applicant email"),
  MOTCUA_SMS_URL: z.string().url().optional().describe("SMS gateway send endpoint"),
  MOTCUA_SMS_KEY: z.string().default("").describe("SMS gateway API key"),
});

/** Notifications' slice of the deployment file: which events reach the applicant, on which channel. */
export const notifySettingsSchema = z.object({
  notifications: notificationSettingsSchema.default(notificationSettingsSchema.parse({})),
});

export type NotifySettings = z.infer<typeof notifySettingsSchema>;
