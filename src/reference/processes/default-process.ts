import type { Duration } from "../calendar/calendar.types.ts";
import { workingMinutesOf } from "./legal-duration.ts";
import type { ProcessDefinition } from "./process.types.ts";

/**
 * The process a procedure gets when the province has configured none: the usual chain of a
 * one-stop dossier, with the legal time split across its steps (specialist appraisal takes most).
 * Shares are in per mille so the budgets add up exactly to the total.
 */
const DEFAULT_CHAIN = [
  {
    key: "appraisal",
    name: "Chuyên viên thẩm định",
    kind: "appraisal",
    role: "specialist",
    agency: "handling",
    share: 550,
  },
  {
    key: "review",
    name: "Lãnh đạo phòng xem xét",
    kind: "review",
    role: "head",
    agency: "handling",
    share: 150,
  },
  {
    key: "approval",
    name: "Lãnh đạo cơ quan phê duyệt",
    kind: "approval",
    role: "leader",
    agency: "handling",
    share: 150,
  },
  {
    key: "issue",
    name: "Văn thư ban hành kết quả",
    kind: "issue",
    role: "clerk",
    agency: "handling",
    share: 100,
  },
  {
    key: "return",
    name: "Bộ phận Một cửa trả kết quả",
    kind: "return",
    role: "desk",
    agency: "receiving",
    share: 50,
  },
] as const;

export function deriveDefaultProcess(procedureCode: string, duration: Duration): ProcessDefinition {
  const totalMinutes = workingMinutesOf(duration);
  let left = totalMinutes;
  const steps = DEFAULT_CHAIN.map((s, i) => {
    const budget = i === DEFAULT_CHAIN.length - 1 ? left : Math.floor((totalMinutes * s.share) / 1000);
    left -= budget;
    const { share: _share, ...step } = s;
    return { ...step, budgetMinutes: budget };
  });
  return { procedureCode, version: 1, origin: "derived", duration, pauseRule: "extend", steps };
}
