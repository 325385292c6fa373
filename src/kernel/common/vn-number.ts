// Numbers as a Vietnamese reader writes them: decimal comma, dot between thousands (1.234,56).
const formats = new Map<string, Intl.NumberFormat>();

function format(digits: number, signed: boolean): Intl.NumberFormat {
  const key = `${digits}${signed}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat("vi-VN", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: signed ? "always" : "auto",
    });
    formats.set(key, f);
  }
  return f;
}

/** `vnNumber(1234.5, 2)` is "1.234,50"; `signed` writes "+" before a positive change. */
export const vnNumber = (n: number, digits = 0, signed = false): string => format(digits, signed).format(n);

/** A share as a percentage: `vnPercent(4 / 9)` is "44,44%". */
export const vnPercent = (share: number, digits = 2): string => `${vnNumber(share * 100, digits)}%`;
