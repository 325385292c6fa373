/** Report periods in whole days, Vietnam time (the browser may be anywhere). */
export interface Period {
  from: string;
  to: string;
}

const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

export function presets(today = vnToday()): Record<"year" | "tenMonths" | "lastMonth" | "lastYear", Period> {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const lastMonthEnd = new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
  return {
    year: { from: `${y}-01-01`, to: today },
    tenMonths: { from: `${y}-01-01`, to: `${y}-10-31` },
    lastMonth: { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    lastYear: { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
  };
}

export const monthOf = (day: string) => day.slice(0, 7);

/** A rate as Vietnamese officials write it: 40,91%. */
export const percent = (rate: number | null | undefined, lang: string) =>
  rate === null || rate === undefined
    ? "—"
    : `${(rate * 100).toLocaleString(lang === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 })}%`;

export const points = (n: number, lang: string) =>
  n.toLocaleString(lang === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
