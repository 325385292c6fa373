import { z } from "zod";

/** Kênh thực hiện, with the DVCQG code (1 in person, 2 online, 3 post). */
export const channelSchema = z.enum(["in-person", "online", "post"]).describe("Submission channel");
export type Channel = z.infer<typeof channelSchema>;
export const CHANNEL_CODES: Record<Channel, 1 | 2 | 3> = { "in-person": 1, online: 2, post: 3 };

export const timeUnitSchema = z
  .enum(["working-days", "days", "hours", "months", "years"])
  .describe("Unit of the legal processing time as the catalogue states it");

/** Thời hạn giải quyết for one channel row. */
export const processingTimeSchema = z.object({
  amount: z.number().positive().describe("How many units"),
  unit: timeUnitSchema,
  unitInferred: z
    .boolean()
    .describe("true when the catalogue gave a bare number and we assumed working days"),
});

/** Phí, lệ phí for one channel row. */
export const feeSchema = z.object({
  kind: z.enum(["free", "amount", "unknown"]).describe("free (miễn phí), a stated amount, or not stated"),
  amount: z.number().nonnegative().nullable().describe("Amount in the stated currency"),
  currency: z.enum(["VND", "USD"]).nullable(),
  scaled: z.boolean().describe("true when the amount was read in thousands and multiplied by 1,000"),
  text: z.string().describe("The fee description as published"),
});

export const channelRowSchema = z.object({
  channel: channelSchema,
  time: processingTimeSchema.nullable().describe("null when the catalogue states no time or no deadline"),
  timeText: z.string().describe("The processing time as published, e.g. '3 Ngày làm việc', 'Không quy định'"),
  noDeadline: z
    .boolean()
    .describe("true when the catalogue says the procedure has no deadline (Không quy định)"),
  fee: feeSchema,
  description: z.string().describe("Mô tả: conditions of this row, as published"),
});

/** Thành phần hồ sơ. */
export const componentSchema = z.object({
  name: z.string().min(1),
  group: z.string().describe("The case heading the component is listed under, if any"),
  originals: z.number().int().nonnegative().describe("Number of originals (bản chính)"),
  copies: z.number().int().nonnegative().describe("Number of copies (bản sao)"),
  template: z.string().nullable().describe("Form template file name (mẫu đơn, tờ khai)"),
});

/** Kết quả thực hiện, with the national result code (MaKetQua) used for reuse. */
export const resultDocumentSchema = z.object({
  name: z.string().min(1),
  code: z
    .string()
    .regex(/^KQ\.[A-Z0-9]+\.\d+$/)
    .describe("e.g. KQ.G15.000031"),
});

/** Căn cứ pháp lý. */
export const legalBasisSchema = z.object({
  number: z.string().describe("Document number, e.g. 123/2015/NĐ-CP"),
  title: z.string(),
});

export const procedureSchema = z
  .object({
    code: z
      .string()
      .regex(/^\d\.\d{6}$/)
      .describe("National procedure code (mã thủ tục), e.g. 1.001193"),
    name: z.string().min(1),
    field: z.string().describe("Lĩnh vực"),
    levels: z.array(z.string()).describe("Cấp thực hiện: Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác"),
    ministry: z.string().describe("Publishing ministry folder of the crawl"),
    decisionNumber: z.string().describe("Số quyết định công bố"),
    procedureType: z.string(),
    applicantTypes: z.array(z.string()).describe("Đối tượng thực hiện"),
    competentAgency: z.string().describe("Cơ quan có thẩm quyền, or the implementing agencies when absent"),
    issuingBody: z.string().describe("Cơ quan ban hành, from the ministry's list"),
    implementingAgencies: z.array(z.string()).describe("Cơ quan thực hiện, from the ministry's list"),
    channels: z.array(channelRowSchema),
    components: z.array(componentSchema),
    results: z.array(resultDocumentSchema),
    legalBasis: z.array(legalBasisSchema),
    detailUrl: z.string(),
  })
  .meta({ id: "Procedure", description: "Thủ tục hành chính: a procedure of the national catalogue" });
export type Procedure = z.infer<typeof procedureSchema>;
export type ChannelRow = z.infer<typeof channelRowSchema>;

/** A field that could not be parsed; collected into the import report. */
export interface ParseProblem {
  code: string;
  field: string;
  problem: string;
  severity: "error" | "warning";
}

export interface CatalogImportStats {
  records: number;
  imported: number;
  fullyParsed: number;
  withProcessingTime: number;
  withNoDeadline: number;
  timeNotStated: number;
  withFeeStated: number;
  feeNotStated: number;
  withComponents: number;
  withResultCodes: number;
  withLegalBasis: number;
  withAgency: number;
  inMinistryLists: number;
  errors: number;
  warnings: number;
}

export interface CatalogImportOutcome {
  stats: CatalogImportStats;
  problems: ParseProblem[];
}

/** The crawl's record, as stored on the portal (fields in Vietnamese). */
export const rawProcedureSchema = z
  .object({
    ma_thu_tuc: z.string(),
    ten_thu_tuc: z.string(),
    detail_url: z.string().default(""),
    so_quyet_dinh: z.string().default(""),
    cap_thuc_hien: z.string().default(""),
    loai_thu_tuc: z.string().default(""),
    linh_vuc: z.string().default(""),
    doi_tuong_thuc_hien: z.string().default(""),
    co_quan_co_tham_quyen: z.string().default(""),
    co_quan_thuc_hien: z.string().default(""),
    cach_thuc_thuc_hien: z.string().default(""),
    thanh_phan_ho_so: z.string().default(""),
    can_cu_phap_ly: z.string().default(""),
    ket_qua_xu_ly: z.string().default(""),
  })
  .loose();
export type RawProcedure = z.infer<typeof rawProcedureSchema>;
