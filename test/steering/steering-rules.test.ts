import { describe, expect, it } from "vitest";
import {
  decideFinding,
  decideRegulation,
  decideTask,
  issuedLate,
  mayAct,
  reminderKind,
  standing,
} from "../../src/oversight/steering/steering-rules.ts";

const PROVINCE = "DEMO.37.UBND";
const STP = "DEMO.37.STP";
const stpLine = [STP, PROVINCE];
const leaderOf = (agencyCode: string) => ({ roles: ["leader"] as const, agencyCode });

describe("steering rules", () => {
  it("administrators manage anywhere; leaders over their subtree; supervisors never act", () => {
    expect(mayAct({ roles: ["admin"], agencyCode: "X" }, "manage", stpLine)).toBe(true);
    expect(mayAct(leaderOf(PROVINCE), "manage", stpLine)).toBe(true);
    expect(mayAct(leaderOf(STP), "manage", stpLine)).toBe(true);
    expect(mayAct(leaderOf("DEMO.37.STC"), "manage", stpLine)).toBe(false);
    expect(mayAct({ roles: ["supervisor"], agencyCode: PROVINCE }, "manage", stpLine)).toBe(false);
    expect(mayAct({ roles: ["head"], agencyCode: STP }, "manage", stpLine)).toBe(false);
    expect(mayAct({ roles: ["head"], agencyCode: STP }, "own", stpLine)).toBe(true);
    // An administrator reports no agency's own work.
    expect(mayAct({ roles: ["admin"], agencyCode: STP }, "own", ["DEMO.37.SXD", PROVINCE])).toBe(false);
    expect(mayAct({ roles: ["desk"], agencyCode: STP }, "own", stpLine)).toBe(false);
  });

  it("regulations move drafting → submitted → issued, and are rescheduled without changing state", () => {
    const head = { roles: ["head"] as const, agencyCode: STP };
    expect(decideRegulation("drafting", "submit", head, stpLine)).toEqual({ ok: true, value: "submitted" });
    expect(decideRegulation("submitted", "issue", head, stpLine)).toEqual({ ok: true, value: "issued" });
    expect(decideRegulation("submitted", "reschedule", leaderOf(STP), stpLine)).toEqual({
      ok: true,
      value: "submitted",
    });
    const again = decideRegulation("issued", "issue", head, stpLine);
    expect(again.ok || again.error.code).toBe("STEERING_ACTION_NOT_ALLOWED");
    const notHis = decideRegulation("drafting", "cancel", head, stpLine);
    expect(notHis.ok || [notHis.error.code, notHis.error.status]).toEqual(["STEERING_FORBIDDEN", 403]);
  });

  it("the owner of a finding reports the remedy, only the inspecting side closes it", () => {
    const commune = "DEMO.37.X1";
    const lines = { owner: [commune, PROVINCE], inspector: ["DEMO.37.TTPVHCC", PROVINCE] };
    const owner = leaderOf(commune);
    expect(decideFinding("open", "report-remedy", owner, lines)).toEqual({ ok: true, value: "remedied" });
    expect(decideFinding("remedied", "close", owner, lines).ok).toBe(false);
    expect(decideFinding("remedied", "close", leaderOf("DEMO.37.TTPVHCC"), lines)).toEqual({
      ok: true,
      value: "closed",
    });
    expect(decideFinding("remedied", "reject", leaderOf("DEMO.37.TTPVHCC"), lines)).toEqual({
      ok: true,
      value: "open",
    });
    expect(decideFinding("open", "close", leaderOf("DEMO.37.TTPVHCC"), lines).ok).toBe(false);
  });

  it("a task is done at 100% and not before", () => {
    const head = { roles: ["head"] as const, agencyCode: STP };
    expect(decideTask("open", { type: "progress", progress: 99, note: "" }, head, stpLine)).toEqual({
      ok: true,
      value: "open",
    });
    expect(decideTask("open", { type: "progress", progress: 100, note: "" }, head, stpLine)).toEqual({
      ok: true,
      value: "done",
    });
    expect(decideTask("done", { type: "progress", progress: 50, note: "" }, head, stpLine).ok).toBe(false);
  });

  it("deadlines: overdue days, the tightest reminder reached, and late issuance against the first date", () => {
    expect(standing(true, "2026-03-01", "2026-03-09")).toEqual({
      overdue: true,
      daysOverdue: 8,
      daysLeft: -8,
    });
    expect(standing(true, "2026-03-09", "2026-03-09")).toEqual({
      overdue: false,
      daysOverdue: 0,
      daysLeft: 0,
    });
    expect(standing(false, "2026-03-01", "2026-03-09")).toEqual({
      overdue: false,
      daysOverdue: 0,
      daysLeft: null,
    });
    expect(reminderKind(45, [30, 7, 1])).toBeNull();
    expect(reminderKind(30, [30, 7, 1])).toBe("due-30");
    expect(reminderKind(5, [30, 7, 1])).toBe("due-7");
    expect(reminderKind(0, [30, 7, 1])).toBe("due-1");
    expect(reminderKind(-1, [30, 7, 1])).toBe("overdue");
    expect(issuedLate({ status: "issued", issuedOn: "2026-04-02", originalDueOn: "2026-03-31" })).toBe(true);
    expect(issuedLate({ status: "issued", issuedOn: "2026-03-31", originalDueOn: "2026-03-31" })).toBe(false);
    expect(issuedLate({ status: "drafting", issuedOn: null, originalDueOn: "2026-03-01" })).toBe(false);
  });
});
