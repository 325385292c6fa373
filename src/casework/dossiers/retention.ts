import type { Applicant, Submission } from "./dossier.types.ts";

/** What stands where an applicant's name was. */
export const PURGED_NAME = "(đã xóa theo thời hạn lưu giữ)";

export interface RetentionSettings {
  /** Days after a refusal at the desk (không tiếp nhận) before its personal data is removed. */
  refusedDays: number;
  /** Days without a move before a dossier left awaiting completion (chờ bổ sung) is removed. */
  awaitingCompletionDays: number;
}

/** The moments before which each kind of dossier has outlived its retention. */
export function retentionCutoffs(now: Date, s: RetentionSettings): { refused: Date; awaiting: Date } {
  const day = 86_400_000;
  return {
    refused: new Date(now.getTime() - s.refusedDays * day),
    awaiting: new Date(now.getTime() - s.awaitingCompletionDays * day),
  };
}

/**
 * The applicant with every personal field emptied. The kind stays, so the numbers (individuals
 * vs organisations, refusals per procedure) still count it.
 */
export function purgedApplicant(a: Applicant): Applicant {
  const blank = { name: PURGED_NAME, idNumber: "", phone: "", email: "", address: "" };
  return a.kind === "organisation" ? { ...a, ...blank, representative: "" } : { ...a, ...blank };
}

export function purgedSubmission(s: Submission): Submission {
  return s.authorisedPerson ? { ...s, authorisedPerson: "" } : s;
}
