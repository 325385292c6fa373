import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { CCCD_PROVINCES } from "./cccd-provinces.ts";
import { identityErrors } from "./identity.errors.ts";

/** What a personal identity number (số định danh cá nhân / CCCD) tells about its holder. */
export interface DecodedIdentity {
  kind: "cccd" | "cmnd";
  number: string;
  /** Where the birth was registered (pre-2025 province), and the province it belongs to now. */
  birthRegistration?: { code: string; provinceCode: string; name: string; nowInProvinceCode: string };
  sex?: "male" | "female";
  century?: number;
  birthYear?: number;
  /** Human summary, in Vietnamese. */
  summary: string;
}

/** Digit 4: sex and century of birth (0/1 → 1900s, 2/3 → 2000s, …; even male, odd female). */
const CENTURY_BY_DIGIT = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800];

export function decodeIdentityNumber(raw: string, today = new Date()): Result<DecodedIdentity, AppError> {
  const number = raw.replace(/[\s.-]/g, "");
  if (/^\d{9}$/.test(number)) {
    // Old CMND: the digits carry no birth data we can rely on, so we only accept the format.
    return ok({
      kind: "cmnd",
      number,
      summary: "Chứng minh nhân dân 9 số (mẫu cũ): không giải mã được ngày sinh.",
    });
  }
  if (!/^\d{12}$/.test(number)) return err(identityErrors.format(raw));
  const province = CCCD_PROVINCES[number.slice(0, 3)];
  if (!province) return err(identityErrors.province(number.slice(0, 3)));
  const digit = Number(number[3]);
  const century = CENTURY_BY_DIGIT[digit] ?? 1900;
  const birthYear = century + Number(number.slice(4, 6));
  if (birthYear > today.getUTCFullYear()) return err(identityErrors.future(birthYear));
  const sex = digit % 2 === 0 ? "male" : "female";
  return ok({
    kind: "cccd",
    number,
    birthRegistration: {
      code: number.slice(0, 3),
      provinceCode: province.provinceCode,
      name: province.name,
      nowInProvinceCode: province.nowIn,
    },
    sex,
    century: century / 100 + 1,
    birthYear,
    summary: `${sex === "male" ? "Nam" : "Nữ"}, sinh năm ${birthYear}, đăng ký khai sinh tại ${province.name}.`,
  });
}
