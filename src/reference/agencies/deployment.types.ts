import { z } from "zod";
import { notificationSettingsSchema } from "../../adapters/notify/notification-templates.ts";
import { DEFAULT_CODE_TEMPLATE, isValidCodeTemplate } from "../../casework/dossiers/dossier-code.ts";
import { DEFAULT_DVCQG_MAPPING, dvcqgMappingSchema } from "../../casework/dossiers/dossier-status.ts";
import { sessionSchema } from "../calendar/calendar.types.ts";
import { roleSchema } from "../processes/process.types.ts";

const agencySchema = z.object({
  code: z.string().min(1).describe("Agency code; the DVCQG code (mã đơn vị) in production"),
  name: z.string().min(1),
  kind: z
    .enum([
      "province-committee",
      "service-centre",
      "department",
      "division",
      "commune-committee",
      "commune-desk",
    ])
    .describe("Place in the tree: UBND tỉnh, Trung tâm PVHCC, Sở, Phòng, UBND xã, Bộ phận Một cửa xã"),
  parent: z.string().optional().describe("Code of the parent agency"),
});

/** A province's deployment: its agencies, office hours and whether its codes are real. */
export const deploymentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .describe("Post-2025 province code, e.g. 37 for Ninh Bình"),
  provinceName: z.string().min(1),
  demoCodes: z.boolean().describe("true while agency codes are placeholders, not the DVCQG codes"),
  calendar: z.object({
    sessions: z.array(sessionSchema).min(1).describe("Office sessions of this province"),
    sameDayCutoff: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .describe("Default cut-off for same-day procedures"),
  }),
  dossierCodeTemplate: z
    .string()
    .default(DEFAULT_CODE_TEMPLATE)
    .refine(isValidCodeTemplate, "mẫu mã hồ sơ phải có {agency}, {yymmdd} và {seq:N}")
    .describe("Mã hồ sơ format; default Circular 01/2018: {agency}-{yymmdd}-{seq:4}"),
  dvcqgMapping: dvcqgMappingSchema.default(DEFAULT_DVCQG_MAPPING).describe("Internal status → DVCQG code"),
  notifications: notificationSettingsSchema.default(notificationSettingsSchema.parse({})),
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
  retention: z
    .object({
      refusedDays: z
        .number()
        .int()
        .min(30)
        .max(3650)
        .default(365)
        .describe("Days after a refusal at the desk before the applicant's personal data is removed"),
      awaitingCompletionDays: z
        .number()
        .int()
        .min(30)
        .max(3650)
        .default(180)
        .describe(
          "Days without a move before a dossier left awaiting completion is emptied of personal data",
        ),
    })
    .default({ refusedDays: 365, awaitingCompletionDays: 180 })
    .describe("Lưu giữ dữ liệu cá nhân [S]: motcua's defaults, no legal period is recorded in DOMAIN.md"),
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
  publicBaseUrl: z
    .string()
    .url()
    .default("http://localhost:3000")
    .describe("Where citizens open the tracking page (QR code)"),
  agencies: z.array(agencySchema).min(1),
  communeAgencies: z
    .object({
      committeeCode: z.string().includes("{unitCode}"),
      committeeName: z.string().includes("{unitFullName}"),
      deskCode: z.string().includes("{unitCode}"),
      deskName: z.string().includes("{unitFullName}"),
      parent: z.string(),
    })
    .describe("Templates for the People's Committee and one-stop desk of every commune of the province"),
});

export type Deployment = z.infer<typeof deploymentSchema>;
export type AgencyConfig = z.infer<typeof agencySchema>;
