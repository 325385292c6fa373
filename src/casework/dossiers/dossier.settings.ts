import { z } from "zod";
import type { DeploymentBase } from "../../reference/agencies/deployment.types.ts";
import { DEFAULT_CODE_TEMPLATE, isValidCodeTemplate } from "./dossier-code.ts";
import { DEFAULT_DVCQG_MAPPING, dvcqgMappingSchema } from "./dossier-status.ts";

/** The dossiers' slice of the deployment file: how codes look, how statuses map, how long data stays. */
export const dossierSettingsSchema = z.object({
  dossierCodeTemplate: z
    .string()
    .default(DEFAULT_CODE_TEMPLATE)
    .refine(isValidCodeTemplate, "mẫu mã hồ sơ phải có {agency}, {yymmdd} và {seq:N}")
    .describe("Mã hồ sơ format; default Circular 01/2018: {agency}-{yymmdd}-{seq:4}"),
  dvcqgMapping: dvcqgMappingSchema.default(DEFAULT_DVCQG_MAPPING).describe("Internal status → DVCQG code"),
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
});

export type DossierSettings = z.infer<typeof dossierSettingsSchema>;

/** What dossier work reads of the deployment: the province and the dossiers' slice. */
export type DossierDeployment = DeploymentBase & DossierSettings;
