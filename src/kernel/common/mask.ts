/** 035085000123 → 035*****0123: enough to tell records apart in a log, not to identify. */
export function maskIdNumber(id: string): string {
  return id.length <= 7
    ? "*".repeat(id.length)
    : `${id.slice(0, 3)}${"*".repeat(id.length - 7)}${id.slice(-4)}`;
}

/** Only the last four characters shown (phones, owners on public pages). */
export function maskTail(s: string): string {
  return s.length > 4 ? `${"*".repeat(s.length - 4)}${s.slice(-4)}` : "****";
}
