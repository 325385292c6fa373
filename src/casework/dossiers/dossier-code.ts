/**
 * Mã hồ sơ from a template. Default (Circular 01/2018): "{agency}-{yymmdd}-{seq:4}", a counter per
 * receiving agency per day. Tokens: {agency}, {yyyy}, {yy}, {mm}, {dd}, {yymmdd}, {yyyymmdd},
 * {seq:N} (zero-padded to N digits, growing past N rather than wrapping).
 */
export const DEFAULT_CODE_TEMPLATE = "{agency}-{yymmdd}-{seq:4}";

export function formatDossierCode(
  template: string,
  agencyCode: string,
  localDate: string,
  seq: number,
): string {
  const [yyyy = "", mm = "", dd = ""] = localDate.split("-");
  const yy = yyyy.slice(2);
  return template
    .replaceAll("{agency}", agencyCode)
    .replaceAll("{yyyymmdd}", `${yyyy}${mm}${dd}`)
    .replaceAll("{yymmdd}", `${yy}${mm}${dd}`)
    .replaceAll("{yyyy}", yyyy)
    .replaceAll("{yy}", yy)
    .replaceAll("{mm}", mm)
    .replaceAll("{dd}", dd)
    .replace(/\{seq:(\d)\}/g, (_m, n: string) => String(seq).padStart(Number(n), "0"));
}

/** A template must contain the agency, the date and the counter, or codes could collide. */
export function isValidCodeTemplate(template: string): boolean {
  return (
    template.includes("{agency}") && /\{(yymmdd|yyyymmdd)\}/.test(template) && /\{seq:\d\}/.test(template)
  );
}

/** The code around its counter, so the database can fill the counter in one statement. */
export function codeParts(
  template: string,
  agencyCode: string,
  localDate: string,
): { before: string; after: string; width: number } {
  const marker = "\u0000SEQ\u0000";
  const m = /\{seq:(\d)\}/.exec(template);
  const width = Number(m?.[1] ?? 4);
  const [before = "", after = ""] = formatDossierCode(
    template.replace(/\{seq:\d\}/, marker),
    agencyCode,
    localDate,
    0,
  ).split(marker);
  return { before, after, width };
}
