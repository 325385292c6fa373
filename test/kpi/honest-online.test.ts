import { describe, expect, it } from "vitest";
import { loadHonestOnlineRule } from "../../src/casework/kpi-facts/honest-online.loader.ts";
import { classifyOnline } from "../../src/casework/kpi-facts/honest-online.ts";

const rule = loadHonestOnlineRule();
const online = (
  by: "applicant" | "authorised-person" | "official",
  vneidVerified: boolean,
  agencyNetwork: boolean,
) => classifyOnline({ channel: 2, submission: { by, vneidVerified, agencyNetwork } }, rule);

describe("honest online rate", () => {
  it("a dossier filed by an official's account on channel 2 counts as online but not as applicant-submitted", () => {
    expect(online("official", true, false)).toEqual({
      reportedOnline: true,
      applicantSubmitted: false,
      reason: "official",
    });
  });

  it("from an agency's network, or without VNeID verification, it is suspect too, with the reason", () => {
    expect(online("applicant", true, true).reason).toBe("agency-network");
    expect(online("applicant", false, false).reason).toBe("not-verified");
    expect(online("applicant", true, false)).toMatchObject({ applicantSubmitted: true, reason: "applicant" });
    expect(online("authorised-person", true, false).applicantSubmitted).toBe(true);
  });

  it("the rule is configuration: switching a check off changes the verdict, not the code", () => {
    const lenient = { ...rule, requireVneidVerified: false };
    expect(
      classifyOnline(
        { channel: 2, submission: { by: "applicant", vneidVerified: false, agencyNetwork: false } },
        lenient,
      ).applicantSubmitted,
    ).toBe(true);
    expect(
      classifyOnline(
        { channel: 1, submission: { by: "applicant", vneidVerified: true, agencyNetwork: false } },
        rule,
      ).reason,
    ).toBe("not-online");
  });
});
