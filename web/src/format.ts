// Vietnamese conventions whatever the browser's locale: dd/MM/yyyy, 24-hour clock, Vietnam time, VND.
const TZ = "Asia/Ho_Chi_Minh";
const dateTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

function parts(f: Intl.DateTimeFormat, iso: string) {
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return p as Record<string, string>;
}

/** 09/03/2026 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parts(dateTime, iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour === "24" ? "00" : p.hour}:${p.minute}`;
}

/** 09/03/2026 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parts(dateOnly, iso);
  return `${p.day}/${p.month}/${p.year}`;
}

/** 1.250.000 ₫ */
export function formatVnd(amount: number): string {
  return `${new Intl.NumberFormat("vi-VN").format(amount)} ₫`;
}

/** A date-time input's value (yyyy-MM-ddTHH:mm, Vietnam time) as ISO 8601 with +07:00. */
export function vnInputToIso(value: string): string {
  return `${value}:00+07:00`;
}
