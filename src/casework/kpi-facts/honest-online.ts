import { z } from "zod";

/** The configurable rule (config/kpi/honest-online.json). */
export const honestOnlineRuleSchema = z.object({
  version: z.number().int().min(1),
  description: z.string(),
  requireVneidVerified: z.boolean().describe("The submitting account was verified with VNeID"),
  excludeAgencyNetwork: z.boolean().describe("Not from an agency's network or device"),
  excludeOfficialSubmitter: z.boolean().describe("Not an official acting for the applicant"),
});
export type HonestOnlineRule = z.infer<typeof honestOnlineRuleSchema>;

export interface SubmissionFacts {
  channel: 1 | 2 | 3;
  submission: {
    by: "applicant" | "authorised-person" | "official";
    vneidVerified: boolean;
    agencyNetwork: boolean;
  };
}

export type OnlineVerdict =
  | { reportedOnline: false; applicantSubmitted: false; reason: "not-online" }
  | { reportedOnline: true; applicantSubmitted: true; reason: "applicant" }
  | {
      reportedOnline: true;
      applicantSubmitted: false;
      reason: "official" | "agency-network" | "not-verified";
    };

/**
 * Nộp trực tuyến thực chất: channel 2 is what the portal reports; the applicant's own verified
 * session outside agency networks is what the reform meant. Each suspect dossier says why.
 */
export function classifyOnline(d: SubmissionFacts, rule: HonestOnlineRule): OnlineVerdict {
  if (d.channel !== 2) return { reportedOnline: false, applicantSubmitted: false, reason: "not-online" };
  const s = d.submission;
  if (rule.excludeOfficialSubmitter && s.by === "official") {
    return { reportedOnline: true, applicantSubmitted: false, reason: "official" };
  }
  if (rule.excludeAgencyNetwork && s.agencyNetwork) {
    return { reportedOnline: true, applicantSubmitted: false, reason: "agency-network" };
  }
  if (rule.requireVneidVerified && !s.vneidVerified) {
    return { reportedOnline: true, applicantSubmitted: false, reason: "not-verified" };
  }
  return { reportedOnline: true, applicantSubmitted: true, reason: "applicant" };
}
