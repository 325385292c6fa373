import { describe, expect, it } from "vitest";
import {
  type DossierFacts,
  dossierMessage,
  type JournalFacts,
  recordFingerprint,
} from "../../src/adapters/dvcqg/dvcqg.messages.ts";

const facts: DossierFacts = {
  code: "000.00.37.H00-260309-0001",
  procedureCode: "1.000894",
  procedureName: "Đăng ký kết hôn",
  fieldName: "Hộ tịch",
  channel: 1,
  applicant: {
    kind: "individual",
    name: "Lê Văn Hẹn",
    idNumber: "035085000123",
  } as DossierFacts["applicant"],
  submission: { by: "applicant" } as DossierFacts["submission"],
  components: [],
  handlingAgency: "DEMO.37.TP",
  receivedAt: new Date("2026-03-09T08:00:00+07:00"),
  dueAt: new Date("2026-03-12T17:00:00+07:00"),
  finishedAt: null,
  returnedAt: null,
  deliveryState: "none",
  files: [
    { id: "7", name: "to-khai.pdf", component: "Tờ khai", kind: "submitted", url: "https://x/f/7?exp=1" },
  ],
};
const journal: JournalFacts = {
  seq: 3,
  type: "claim",
  at: new Date("2026-03-09T09:00:00+07:00"),
  note: "",
  dvcqgStatus: 4,
  actorName: "",
  actorTitle: "",
  actorAgencyName: "",
  stepStartedAt: null,
  stepDueAt: null,
};
const fp = (d: DossierFacts, j = journal) => recordFingerprint(dossierMessage(d, j));

describe("the DVCQG record fingerprint (what decides a push)", () => {
  it("changes with the due date (re-appointment), the status, and a result file", () => {
    expect(fp({ ...facts, dueAt: new Date("2026-04-24T17:00:00+07:00") })).not.toBe(fp(facts));
    expect(fp(facts, { ...journal, dvcqgStatus: 5 })).not.toBe(fp(facts));
    const result = { id: "8", name: "gcn.pdf", component: "KQ1", kind: "result", url: "https://x/f/8" };
    expect(fp({ ...facts, files: [...facts.files, result] })).not.toBe(fp(facts));
  });

  it("ignores what the portal does not show of the entry, and the signed links' expiry", () => {
    expect(fp(facts, { ...journal, seq: 4, type: "assign", note: "giao anh B" })).toBe(fp(facts));
    const relinked = facts.files.map((f) => ({ ...f, url: "https://x/f/7?exp=2" }));
    expect(fp({ ...facts, files: relinked })).toBe(fp(facts));
  });
});
