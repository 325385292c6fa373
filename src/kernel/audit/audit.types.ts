import { z } from "zod";

/** The audit chain's part of the health answer. */
export const auditChainHealthSchema = z.object({
  status: z
    .enum(["ok", "behind", "failing"])
    .describe(
      "ok; behind: a record has waited over a minute to be sealed; failing: this process's sealer fails",
    ),
  reason: z.string().nullable().describe("Why it is not ok, in Vietnamese (with the database's error)"),
  oldestUnsealedAt: z.string().nullable().describe("The oldest record not yet sealed into the chain"),
});

export type AuditChainHealth = z.infer<typeof auditChainHealthSchema>;
