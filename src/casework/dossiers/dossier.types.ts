import { z } from "zod";
import { INT4_MAX } from "../../kernel/common/int32.ts";

/** Chủ hồ sơ: a person with a CCCD, or an organisation with its tax / enterprise code. */
export const applicantSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("individual"),
    name: z.string().trim().min(2).max(200).describe("Họ và tên"),
    idNumber: z.string().describe("CCCD (12 digits) or old CMND (9 digits)"),
    phone: z.string().max(20).default(""),
    email: z.string().max(200).default(""),
    address: z.string().max(500).default(""),
  }),
  z.object({
    kind: z.literal("organisation"),
    name: z.string().trim().min(2).max(300).describe("Tên tổ chức"),
    idNumber: z
      .string()
      .regex(/^\d{10}(-\d{3})?$/, "mã số thuế / mã số doanh nghiệp gồm 10 chữ số (chi nhánh: thêm -3 chữ số)")
      .describe("Tax or enterprise code"),
    representative: z.string().max(200).default(""),
    phone: z.string().max(20).default(""),
    email: z.string().max(200).default(""),
    address: z.string().max(500).default(""),
  }),
]);
export type Applicant = z.infer<typeof applicantSchema>;

/**
 * Who physically submitted, and the facts of the session it came through. The honest online rate
 * counts only dossiers the applicant submitted in their own VNeID session outside agency networks.
 */
export const submissionSchema = z.object({
  by: z
    .enum(["applicant", "authorised-person", "official"])
    .describe(
      "applicant (chính chủ), authorised person (người được ủy quyền), or an official acting for them",
    ),
  authorisedPerson: z
    .string()
    .max(200)
    .optional()
    .describe("Name of the authorised person, when there is one"),
  vneidVerified: z.boolean().default(false).describe("The submitting account was verified with VNeID"),
  agencyNetwork: z.boolean().default(false).describe("Submitted from an agency's network or device"),
});
export type Submission = z.infer<typeof submissionSchema>;

/** The catalogue's longest component name is 6,868 characters (some carry their whole legal note). */
export const COMPONENT_NAME_MAX = 10_000;

/** A submitted component (thành phần hồ sơ), checked against the procedure's list. */
export const submittedComponentSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(COMPONENT_NAME_MAX)
    .describe("The component's name as the catalogue lists it"),
  form: z
    .enum(["paper", "scan", "reuse"])
    .default("paper")
    .describe("Paper, scanned at the desk, or reused from earlier results"),
  originals: z.number().int().min(0).max(20).default(1),
  copies: z.number().int().min(0).max(20).default(0),
  documentId: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .describe("With form reuse: the applicant's document on file (kho dữ liệu) that replaces this component"),
});

/** A component as the dossier keeps it: what was submitted, and what motcua established about it. */
export type SubmittedComponent = z.infer<typeof submittedComponentSchema> & {
  /** Scanned at the desk and attached (được số hóa). */
  digitised?: boolean;
  /** Replaced by a document already on file (được tái sử dụng). */
  reused?: boolean;
  /** Taken from the national data store (lấy từ Kho DMQG). */
  fromNationalStore?: boolean;
  /** MaKetQua of the document that replaced it. */
  replacedResultCode?: string;
  fileIds?: string[];
};

export const receptionRequestSchema = z
  .object({
    procedureCode: z
      .string()
      .regex(/^\d\.\d{6}$/, "mã thủ tục có dạng 1.001193")
      .describe("National procedure code"),
    channel: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .describe("KenhThucHien: 1 in person, 2 online, 3 post"),
    applicant: applicantSchema
      .optional()
      .describe("Chủ hồ sơ; for a registered business send `registry` instead and type nothing"),
    registry: z
      .object({
        kind: z.enum(["enterprise", "household"]),
        code: z.string().regex(/^\d{10}(-\d{3})?$/, "mã số doanh nghiệp / hộ kinh doanh gồm 10 chữ số"),
        typed: z
          .record(z.string(), z.string())
          .optional()
          .describe("Fields an official typed anyway (measured as re-keying; the registry's values win)"),
      })
      .optional()
      .describe("Take the applicant from the national business registry (never keyed twice)"),
    submission: submissionSchema,
    components: z.array(submittedComponentSchema).max(100).default([]),
    outcome: z
      .enum(["accept", "request-completion", "refuse"])
      .describe("accept (tiếp nhận), request completion before acceptance (mẫu 02), refuse (mẫu 03)"),
    reason: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .describe("Why completion is requested or the dossier refused"),
    missingItems: z
      .array(z.string().trim().min(1).max(COMPONENT_NAME_MAX))
      .max(50)
      .optional()
      .describe("One consolidated list (mẫu 02)"),
    handlingAgency: z.string().optional().describe("Competent agency; the receiving agency when absent"),
  })
  .superRefine((r, ctx) => {
    if (!r.applicant && !r.registry) {
      ctx.addIssue({
        code: "custom",
        path: ["applicant"],
        message: "cần thông tin chủ hồ sơ hoặc mã doanh nghiệp",
      });
    }
    if (r.outcome !== "accept" && !r.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "cần nêu lý do khi yêu cầu bổ sung hoặc từ chối",
      });
    }
    if (r.outcome === "request-completion" && !r.missingItems?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["missingItems"],
        message: "cần liệt kê đầy đủ giấy tờ phải bổ sung (một lần)",
      });
    }
    if (r.submission.by === "authorised-person" && !r.submission.authorisedPerson) {
      ctx.addIssue({
        code: "custom",
        path: ["submission", "authorisedPerson"],
        message: "cần tên người được ủy quyền",
      });
    }
  });
export type ReceptionRequest = z.infer<typeof receptionRequestSchema>;

const base = { note: z.string().trim().max(2000).default("").describe("Ý kiến xử lý") };
const reasoned = { note: z.string().trim().min(3).max(2000).describe("Lý do (bắt buộc)") };

/** POST /dossiers/{code}/actions bodies, one shape per action type. */
export const actionRequestSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("accept"), ...base }),
    z.object({ type: z.literal("refuse"), ...reasoned }),
    z.object({
      type: z.literal("request-completion"),
      ...reasoned,
      missingItems: z.array(z.string().min(1)).min(1),
    }),
    z.object({ type: z.literal("forward"), ...base }),
    z.object({ type: z.literal("approve"), ...base }),
    z.object({ type: z.literal("send-back"), ...reasoned }),
    z.object({ type: z.literal("assign"), ...base, officialId: z.number().int().positive().max(INT4_MAX) }),
    z.object({ type: z.literal("claim"), ...base }),
    z.object({
      type: z.literal("request-supplement"),
      ...reasoned,
      missingItems: z.array(z.string().min(1)).min(1),
    }),
    z.object({ type: z.literal("resubmit"), ...base }),
    z.object({
      type: z.literal("digitise"),
      ...base,
      component: z.string().trim().min(1).max(COMPONENT_NAME_MAX).describe("The submitted component's name"),
      fileIds: z
        .array(z.string().regex(/^\d+$/))
        .min(1)
        .max(50)
        .describe("Uploaded scans; several images become one PDF"),
    }),
    z.object({
      type: z.literal("request-payment"),
      ...base,
      amountVnd: z
        .number()
        .int()
        .positive()
        .optional()
        .describe("Amount asked; absent: the catalogue's fee for the dossier's channel"),
    }),
    z.object({ type: z.literal("confirm-payment"), ...base, online: z.boolean().default(false) }),
    z.object({ type: z.literal("withdraw"), ...reasoned }),
    z.object({ type: z.literal("stop"), ...reasoned }),
    z.object({
      type: z.literal("issue-result"),
      ...base,
      kind: z
        .enum(["positive", "negative"])
        .default("positive")
        .describe("negative: a refusal after appraisal"),
      resultCodes: z.array(z.string()).default([]).describe("MaKetQua of the issued documents"),
      paperReason: z
        .string()
        .trim()
        .min(3)
        .max(500)
        .optional()
        .describe(
          "Issue on paper only, and why; otherwise the result is generated and signed electronically",
        ),
      content: z
        .string()
        .trim()
        .max(4000)
        .optional()
        .describe("The decision's text, printed on the electronic result"),
    }),
    z.object({
      type: z.literal("return-result"),
      ...base,
      method: z.enum(["desk", "post", "online"]).default("desk"),
    }),
    z.object({
      type: z.literal("reappoint"),
      ...reasoned,
      newDueAt: z.string().describe("New appointment, ISO 8601; must be later than the current one"),
    }),
    z.object({
      type: z.literal("open-subcase"),
      ...base,
      agencyCode: z.string().min(1).describe("The agency asked to contribute (liên thông)"),
      budgetMinutes: z
        .number()
        .int()
        .min(0)
        .max(480 * 60)
        .describe("Working time the other agency has"),
    }),
    z.object({ type: z.literal("close-subcase"), ...base, subcaseId: z.string().regex(/^\d+$/) }),
  ])
  .meta({
    id: "DossierAction",
    description: "Một thao tác xử lý hồ sơ: one action on a dossier, by its type",
  });
export type ActionRequest = z.infer<typeof actionRequestSchema>;
