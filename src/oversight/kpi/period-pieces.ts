import { epochDayOf } from "../../reference/calendar/local-time.ts";

/** Rows of one grain over [from, until), added (+1) or taken away (−1). */
export interface Piece {
  grain: "month" | "day";
  from: string;
  until: string;
  sign: 1 | -1;
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
};
const days = (a: string, b: string) => epochDayOf(b) - epochDayOf(a);

/**
 * The days [from, until) as month rows and day rows that read the fewest rows: whole months from
 * the monthly grain; a partial month either as its days, or as the month less the days outside
 * the range, whichever is fewer. The current month's row is kept live like its days, so the
 * dashboard's "this month so far" reads the few days still to come instead of all that passed.
 */
export function periodPieces(from: string, until: string): Piece[] {
  const out: Piece[] = [];
  if (from >= until) return out;
  let whole: { from: string; until: string } | null = null;
  const flush = () => {
    if (whole) out.push({ grain: "month", ...whole, sign: 1 });
    whole = null;
  };
  for (let m = monthStart(from); m < until; m = nextMonth(m)) {
    const next = nextMonth(m);
    const a = from > m ? from : m;
    const b = until < next ? until : next;
    if (a === m && b === next) {
      whole = whole ? { from: whole.from, until: next } : { from: m, until: next };
      continue;
    }
    flush();
    if (days(a, b) <= days(m, next) - days(a, b)) {
      out.push({ grain: "day", from: a, until: b, sign: 1 });
    } else {
      out.push({ grain: "month", from: m, until: next, sign: 1 });
      if (a > m) out.push({ grain: "day", from: m, until: a, sign: -1 });
      if (b < next) out.push({ grain: "day", from: b, until: next, sign: -1 });
    }
  }
  flush();
  return out;
}

/** Days in [from, until) that pieces of this kind read, for tests and the benchmark's notes. */
export const piecesDays = (pieces: Piece[]) =>
  pieces.filter((p) => p.grain === "day").reduce((n, p) => n + days(p.from, p.until), 0);
