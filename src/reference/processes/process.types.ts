import { z } from "zod";
import { roleSchema } from "../../kernel/caller.ts";
import { INT4_MAX } from "../../kernel/common/int32.ts";

// Roles are the caller's (kernel/caller.ts); process steps name them.
export { type Role, roleSchema } from "../../kernel/caller.ts";

/** What a step does; the lifecycle allows different actions at each kind. */
export const stepKindSchema = z
  .enum(["appraisal", "review", "approval", "issue", "return"])
  .describe(
    "appraisal (thẩm định), review (xem xét), approval (phê duyệt, ký), issue (ban hành kết quả), return (trả kết quả)",
  );

/** One step of an internal process (bước trong quy trình nội bộ). */
export const processStepSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe("Stable identifier within the process"),
  name: z.string().min(1).describe("Name shown to officials, in Vietnamese"),
  kind: stepKindSchema,
  role: roleSchema.describe("Who works this step"),
  agency: z
    .enum(["receiving", "handling"])
    .describe("receiving: the desk that received the dossier; handling: the competent agency"),
  budgetMinutes: z
    .number()
    .int()
    .min(0)
    .max(INT4_MAX)
    .describe("Working time allowed for the step, in minutes"),
});
export type ProcessStep = z.infer<typeof processStepSchema>;
export type StepKind = z.infer<typeof stepKindSchema>;

/** Quy trình nội bộ of a procedure: ordered steps after reception, ending with the return. */
export const processDefinitionSchema = z
  .object({
    procedureCode: z.string().regex(/^\d\.\d{6}$/),
    version: z.number().int().min(1).describe("A dossier keeps the version it started with"),
    origin: z
      .enum(["configured", "derived"])
      .describe("derived: generated from the catalogue's processing time"),
    duration: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("working"), minutes: z.number().int().positive().max(INT4_MAX) }),
        z.object({ kind: z.literal("calendar"), days: z.number().int().positive().max(3650) }),
        z.object({ kind: z.literal("same-day"), cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
        z.object({ kind: z.literal("none") }),
      ])
      .describe("The legal processing time (thời hạn giải quyết) the appointment is computed from"),
    pauseRule: z
      .enum(["extend", "restart"])
      .describe("On a supplement request: extend the due date by the paused time, or restart the clock"),
    steps: z.array(processStepSchema).min(2),
  })
  .superRefine((p, ctx) => {
    const keys = new Set<string>();
    p.steps.forEach((s, i) => {
      if (keys.has(s.key))
        ctx.addIssue({ code: "custom", path: ["steps", i, "key"], message: "bước bị trùng khóa" });
      keys.add(s.key);
    });
    if (p.steps.at(-1)?.kind !== "return") {
      ctx.addIssue({ code: "custom", path: ["steps"], message: "bước cuối phải là trả kết quả" });
    }
    if (!p.steps.some((s) => s.kind === "issue")) {
      ctx.addIssue({ code: "custom", path: ["steps"], message: "quy trình phải có bước ban hành kết quả" });
    }
  });
export type ProcessDefinition = z.infer<typeof processDefinitionSchema>;
