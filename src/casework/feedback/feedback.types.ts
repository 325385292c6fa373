import { z } from "zod";

/** Phản ánh (a complaint about how things went) or kiến nghị (a proposal to change a rule). */
export const feedbackKindSchema = z
  .enum(["complaint", "suggestion"])
  .describe("complaint: phản ánh; suggestion: kiến nghị");

export const feedbackStatusSchema = z.enum(["received", "assigned", "answered", "closed", "reopened"]);
export type FeedbackStatus = z.infer<typeof feedbackStatusSchema>;

export const FEEDBACK_STATUS_VI: Record<FeedbackStatus, string> = {
  received: "Đã tiếp nhận",
  assigned: "Đang xử lý",
  answered: "Đã trả lời",
  closed: "Đã kết thúc",
  reopened: "Mở lại, đang xử lý",
};

export const feedbackSubmissionSchema = z
  .object({
    kind: feedbackKindSchema,
    subject: z
      .enum(["dossier", "procedure", "agency"])
      .describe("What it is about: a dossier (with its code and PIN), a procedure, or an agency"),
    dossierCode: z.string().max(60).optional(),
    dossierPin: z
      .string()
      .regex(/^\d{4,8}$/, "mã tra cứu gồm 4–8 chữ số")
      .optional(),
    procedureCode: z.string().max(20).optional(),
    agencyCode: z.string().max(60).optional(),
    title: z.string().trim().min(5, "tiêu đề ít nhất 5 ký tự").max(200),
    content: z.string().trim().min(10, "nội dung ít nhất 10 ký tự").max(5000),
    name: z.string().trim().max(200).default(""),
    contact: z.string().trim().max(200).default("").describe("Phone or email for the answer"),
    anonymous: z.boolean().default(false).describe("Not tracked to a person even when signed in with VNeID"),
  })
  .superRefine((f, ctx) => {
    const need = { dossier: "dossierCode", procedure: "procedureCode", agency: "agencyCode" } as const;
    const field = need[f.subject];
    if (!f[field])
      ctx.addIssue({ code: "custom", path: [field], message: "cần cho biết phản ánh về đối tượng nào" });
    if (f.subject === "dossier" && !f.dossierPin) {
      ctx.addIssue({ code: "custom", path: ["dossierPin"], message: "cần mã tra cứu (PIN) của hồ sơ" });
    }
  });
export type FeedbackSubmission = z.infer<typeof feedbackSubmissionSchema>;

export const feedbackActionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("assign"),
    officialId: z.number().int(),
    note: z.string().max(1000).default(""),
  }),
  z.object({
    type: z.literal("answer"),
    answer: z.string().trim().min(10, "câu trả lời ít nhất 10 ký tự").max(10_000),
    publish: z.boolean().default(false).describe("Công khai câu trả lời trên trang PAKN (no personal data)"),
  }),
  z.object({ type: z.literal("close"), note: z.string().max(1000).default("") }),
  z.object({ type: z.literal("reopen"), note: z.string().trim().min(5, "cho biết lý do mở lại").max(1000) }),
]);
export type FeedbackAction = z.infer<typeof feedbackActionSchema>;

/** Rating of a returned dossier (đánh giá mức độ hài lòng). */
export const ratingValueSchema = z.enum(["satisfied", "neutral", "dissatisfied"]);
export const ratingSchema = z.object({
  rating: ratingValueSchema,
  officialRating: ratingValueSchema.optional().describe("Of the officials who handled it (optional)"),
  comment: z.string().trim().max(2000).default(""),
});
