/**
 * Keyset cursor over (due_at, id). PostgreSQL keeps microseconds and a JS Date only
 * milliseconds, so the cursor carries the exact epoch microseconds: a due date computed in SQL
 * (now() + interval) would otherwise repeat the same page forever.
 */
export function encodeDueCursor(micros: string | null, id: string | number): string {
  return `${micros ?? "none"}:${id}`;
}

/** The cursor's due date as an exact ISO timestamp (or null for undated rows) and its id. */
export function decodeDueCursor(cursor: string): { due: string | null; id: string } | null {
  const m = /^(none|-?\d{1,19}):(\d{1,19})$/.exec(cursor);
  if (!m) return null;
  const [, us, id] = m as unknown as [string, string, string];
  if (us === "none") return { due: null, id };
  const micros = BigInt(us);
  const ms = micros / 1000n;
  const rest = ((micros % 1000n) + 1000n) % 1000n;
  const base = new Date(Number(ms - (micros < 0n && rest !== 0n ? 1n : 0n))).toISOString();
  return { due: `${base.slice(0, 23)}${String(rest).padStart(3, "0")}Z`, id };
}
