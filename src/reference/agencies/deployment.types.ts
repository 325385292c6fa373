import { z } from "zod";
import { sessionSchema } from "../calendar/calendar.types.ts";

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

/**
 * The base of a province's deployment file: the province, its agencies and office hours. Each
 * module declares its own slice of the file (e.g. casework/dossiers/dossier.settings.ts) and
 * app/settings.ts composes them; modules type against the base and their slice, not the whole.
 */
export const deploymentBaseSchema = z.object({
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

export type DeploymentBase = z.infer<typeof deploymentBaseSchema>;
export type AgencyConfig = z.infer<typeof agencySchema>;
