import contentDisposition from "content-disposition";

// File names as people send them, made safe to store, list and offer for download. Pure.

export const FILE_NAME_MAX = 200;

// Characters that show nothing or steer rendering: C0/DEL/C1 controls (CR, LF, NUL…), zero-width
// spaces and joiners, BOM, soft hyphen, bidi overrides ("hoso\u202Efdp.exe"), variation selectors.
const INVISIBLE = /[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;
// Reserved on Windows, where officials save the downloads.
const RESERVED_CHARS = /[<>:"|?*]/g;
const RESERVED_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * The name to store and to offer on download: NFC (one spelling of Vietnamese marks), controls
 * and invisible characters removed, only the last path part kept (so `../` and `C:\…` go), no
 * leading dots, at most 200 characters with the extension kept. Null when nothing visible is left.
 */
export function sanitizeFileName(raw: string): string | null {
  const parts = raw
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .split(/[/\\]/)
    .map((p) =>
      p
        .replace(RESERVED_CHARS, "_")
        .replace(/\p{White_Space}+/gu, " ")
        .replace(/^[\s.]+|[\s.]+$/g, ""),
    )
    .filter((p) => p !== "");
  const base = parts.at(-1);
  if (!base) return null;
  return truncate(RESERVED_NAMES.test(base) ? `_${base}` : base);
}

function truncate(name: string): string {
  const chars = Array.from(name); // code points: never split a surrogate pair
  if (chars.length <= FILE_NAME_MAX) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
  return Array.from(name.slice(0, name.length - ext.length))
    .slice(0, FILE_NAME_MAX - ext.length)
    .join("")
    .trimEnd()
    .concat(ext);
}

/** An ASCII spelling for old clients: marks dropped ("Tờ khai" → "To khai"), đ → d, others "_". */
export function asciiFileName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
}

/** Content-Disposition per RFC 6266: filename*=UTF-8''… with an ASCII filename="…" beside it. */
export function contentDispositionOf(name: string, type: "attachment" | "inline" = "attachment"): string {
  const safe = sanitizeFileName(name) ?? "tep";
  return contentDisposition(safe, { type, fallback: asciiFileName(safe) });
}
