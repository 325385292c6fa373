import { z } from "zod";
import { isoDate } from "../../reference/calendar/calendar.types.ts";

// Reform steering (chỉ đạo điều hành CCHC): what the steering committee registers and follows up.

const isoDay = isoDate;
const note = z.string().trim().max(2000).default("");

/** The six areas of the state-administration reform programme (Resolution 76/NQ-CP). */
export const REFORM_AREAS = {
  institutional: "Cải cách thể chế",
  procedural: "Cải cách thủ tục hành chính",
  organisational: "Cải cách tổ chức bộ máy",
  "civil-service": "Cải cách chế độ công vụ",
  "public-finance": "Cải cách tài chính công",
  "digital-government": "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số",
} as const;
export const reformAreaSchema = z
  .enum(Object.keys(REFORM_AREAS) as [keyof typeof REFORM_AREAS, ...(keyof typeof REFORM_AREAS)[]])
  .describe(
    Object.entries(REFORM_AREAS)
      .map(([k, v]) => `${k}: ${v}`)
      .join("; "),
  );
export type ReformArea = z.infer<typeof reformAreaSchema>;

export const regulationStatusSchema = z
  .enum(["drafting", "submitted", "issued", "cancelled"])
  .describe(
    "drafting: đang soạn thảo; submitted: đã trình ký; issued: đã ban hành; cancelled: không ban hành",
  );
export type RegulationStatus = z.infer<typeof regulationStatusSchema>;

export const REGULATION_STATUS_VI: Record<RegulationStatus, string> = {
  drafting: "Đang soạn thảo",
  submitted: "Đã trình ký",
  issued: "Đã ban hành",
  cancelled: "Không ban hành",
};

export const regulationInputSchema = z.object({
  title: z.string().trim().min(10, "tên văn bản ít nhất 10 ký tự").max(500),
  legalBasis: z
    .string()
    .trim()
    .min(5, "cần căn cứ giao ban hành (điều, khoản của luật, nghị định)")
    .max(500)
    .describe("The article of the law or decree that requires the document, e.g. 'Khoản 3 Điều 12 Luật …'"),
  issuerLevel: z
    .enum(["province", "ministry"])
    .default("province")
    .describe("Who owes it: the province or a ministry"),
  agencyCode: z.string().max(60).describe("The agency responsible for drafting (cơ quan chủ trì soạn thảo)"),
  dueOn: isoDay.describe("Hạn ban hành"),
  note,
});
export type RegulationInput = z.infer<typeof regulationInputSchema>;

export const regulationActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("submit"), note }),
  z.object({ type: z.literal("return"), note: z.string().trim().min(5, "cho biết lý do trả lại").max(2000) }),
  z.object({
    type: z.literal("issue"),
    number: z.string().trim().min(3, "cần số, ký hiệu văn bản").max(60).describe("e.g. 15/2026/QĐ-UBND"),
    issuedOn: isoDay,
    note,
  }),
  z.object({
    type: z.literal("reschedule"),
    dueOn: isoDay,
    note: z.string().trim().min(5, "cho biết lý do lùi hạn").max(2000),
  }),
  z.object({ type: z.literal("cancel"), note: z.string().trim().min(5, "cho biết lý do").max(2000) }),
]);
export type RegulationAction = z.infer<typeof regulationActionSchema>;

export const inspectionInputSchema = z
  .object({
    title: z.string().trim().min(10, "tên đợt kiểm tra ít nhất 10 ký tự").max(300),
    targetAgency: z.string().max(60).describe("The agency or commune inspected"),
    inspectorAgency: z.string().max(60).describe("The agency that inspects (đơn vị chủ trì kiểm tra)"),
    leadName: z.string().trim().min(3, "cần trưởng đoàn").max(200).describe("Trưởng đoàn kiểm tra"),
    startsOn: isoDay,
    endsOn: isoDay,
  })
  .refine((i) => i.endsOn >= i.startsOn, { path: ["endsOn"], message: "ngày kết thúc trước ngày bắt đầu" });
export type InspectionInput = z.infer<typeof inspectionInputSchema>;

export const inspectionStatusSchema = z.enum(["planned", "in-progress", "completed", "cancelled"]);
export type InspectionStatus = z.infer<typeof inspectionStatusSchema>;

export const inspectionActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), note }),
  z.object({
    type: z.literal("complete"),
    conclusion: z.string().trim().min(10, "cần kết luận kiểm tra").max(10_000),
  }),
  z.object({ type: z.literal("cancel"), note: z.string().trim().min(5, "cho biết lý do").max(2000) }),
]);
export type InspectionAction = z.infer<typeof inspectionActionSchema>;

export const findingInputSchema = z.object({
  description: z.string().trim().min(10, "mô tả tồn tại ít nhất 10 ký tự").max(5000),
  ownerAgency: z.string().max(60).describe("The agency that must remedy it"),
  remedyDueOn: isoDay.describe("Hạn khắc phục"),
  dossierCode: z.string().trim().max(64).optional().describe("A dossier the finding concerns"),
  procedureCode: z.string().trim().max(20).optional().describe("A procedure the finding concerns"),
});
export type FindingInput = z.infer<typeof findingInputSchema>;

export const findingStatusSchema = z
  .enum(["open", "remedied", "closed"])
  .describe("open: chưa khắc phục; remedied: đã báo cáo khắc phục; closed: đã xác nhận, kết thúc");
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const findingActionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("report-remedy"),
    remedy: z.string().trim().min(10, "cần báo cáo kết quả khắc phục").max(5000),
  }),
  z.object({ type: z.literal("close"), note }),
  z.object({
    type: z.literal("reject"),
    note: z.string().trim().min(5, "cho biết vì sao chưa đạt").max(2000),
  }),
  z.object({
    type: z.literal("extend"),
    remedyDueOn: isoDay,
    note: z.string().trim().min(5, "cho biết lý do gia hạn").max(2000),
  }),
]);
export type FindingAction = z.infer<typeof findingActionSchema>;

export const taskInputSchema = z.object({
  area: reformAreaSchema,
  title: z.string().trim().min(10, "tên nhiệm vụ ít nhất 10 ký tự").max(500),
  agencyCode: z.string().max(60).describe("The agency in charge (cơ quan chủ trì)"),
  dueOn: isoDay,
  note,
});
export type TaskInput = z.infer<typeof taskInputSchema>;

export const taskActionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("progress"),
    progress: z.number().int().min(0).max(100).describe("Percent done; 100 finishes the task"),
    note,
  }),
  z.object({ type: z.literal("cancel"), note: z.string().trim().min(5, "cho biết lý do").max(2000) }),
]);
export type TaskAction = z.infer<typeof taskActionSchema>;

/**
 * What the periodic report says about steering: the registers as they stand when the report is
 * made, with deadlines measured at the period's end (or today, if earlier).
 */
export interface SteeringSummary {
  asOf: string;
  /** Demo items (dữ liệu mẫu) among the registers: the report says so. */
  syntheticItems: number;
  regulations: {
    owed: number;
    issued: number;
    issuedInPeriod: number;
    issuedLate: number;
    overdue: number;
    byAgency: { code: string; name: string; owed: number; issued: number; overdue: number }[];
    overdueItems: {
      title: string;
      legalBasis: string;
      agencyName: string;
      dueOn: string;
      daysOverdue: number;
    }[];
  };
  findings: { total: number; open: number; remedied: number; closed: number; overdue: number };
  tasks: { area: ReformArea; name: string; total: number; done: number; overdue: number; progress: number }[];
}
