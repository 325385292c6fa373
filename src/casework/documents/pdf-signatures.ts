import { decodePDFRawStream, PDFContext, PDFRawStream } from "pdf-lib";

/** One signature dictionary of a PDF, as its bytes say. */
export interface PdfSignature {
  byteRange: [number, number, number, number];
  /** The CMS in /Contents, without the zero padding; null when /Contents is not hex. */
  cms: Buffer | null;
  /** The bytes the ByteRange covers. */
  signedBytes: Buffer;
  /** /M of the signature dictionary. */
  claimedTime: Date | null;
  /** /T of the field whose /V is this dictionary. */
  fieldName: string | null;
}

/** The Document Security Store (PAdES B-LT): certificates, CRLs and OCSP responses, as DER. */
export interface Dss {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
}

/**
 * Every signature in the file, in the order made (by where its ByteRange ends). Read from the
 * bytes rather than a parsed object tree, so a tampered or half-broken file still shows its
 * signatures; the same dictionary repeated by a later update counts once.
 */
export function pdfSignatures(bytes: Buffer): PdfSignature[] {
  const text = bytes.toString("latin1");
  const seen = new Set<string>();
  const found: PdfSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = m.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = range;
    if (seen.has(range.join(" ")) || b > c || c + d > bytes.length) continue;
    seen.add(range.join(" "));
    const hex = /^<([0-9a-fA-F]+)>$/.exec(text.slice(b, c).trim())?.[1];
    const dict = signatureDictionary(text, m.index ?? 0, b, c);
    found.push({
      byteRange: range,
      cms: hex ? firstDerElement(Buffer.from(hex, "hex")) : null,
      signedBytes: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]),
      claimedTime: pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(dict.body)?.[1] ?? null),
      fieldName: dict.number === null ? null : fieldNameOf(text, dict.number),
    });
  }
  return found.sort((x, y) => x.byteRange[2] + x.byteRange[3] - (y.byteRange[2] + y.byteRange[3]));
}

/** The text of the object holding the ByteRange (without /Contents) and its object number. */
function signatureDictionary(text: string, at: number, contentsStart: number, contentsEnd: number) {
  const objAt = text.lastIndexOf(" obj", Math.min(at, contentsStart));
  const head = /(\d+)\s+\d+\s*$/.exec(text.slice(Math.max(0, objAt - 24), objAt));
  const end = text.indexOf("endobj", Math.max(at, contentsEnd));
  const body =
    at < contentsStart
      ? text.slice(objAt, contentsStart) + text.slice(contentsEnd, end < 0 ? undefined : end)
      : text.slice(objAt, end < 0 ? undefined : end);
  return { number: head ? Number(head[1]) : null, body };
}

function fieldNameOf(text: string, sigObject: number): string | null {
  const ref = new RegExp(`/V\\s+${sigObject}\\s+0\\s+R\\b`);
  for (const m of text.matchAll(/\d+\s+\d+\s+obj\b([\s\S]*?)endobj/g)) {
    const body = m[1] ?? "";
    if (ref.test(body)) return /\/T\s*\(((?:\\.|[^\\)])*)\)/.exec(body)?.[1] ?? null;
  }
  return null;
}

/** /Contents is zero-padded after the CMS: only the first DER element counts. */
function firstDerElement(buf: Buffer): Buffer {
  const first = buf[1] ?? 0;
  if (first < 0x80) return buf.subarray(0, 2 + first);
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (buf[2 + i] ?? 0);
  return buf.subarray(0, 2 + n + len);
}

/** A PDF date, D:YYYYMMDDHHmmSS+HH'mm'. */
export function pdfDate(s: string | null): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([Z+-])(\d{2})?'?(\d{2})?'?)?/.exec(s ?? "");
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, sign, oh, om] = m;
  const offset =
    sign && sign !== "Z" ? (sign === "-" ? -1 : 1) * (Number(oh ?? 0) * 60 + Number(om ?? 0)) : 0;
  const t =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)) - offset * 60_000;
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * The catalog's /DSS. Each object is read at its last definition in the file (a later update
 * wins); the DSS streams are plain objects, as an incremental update appends them.
 */
export function pdfDss(bytes: Buffer): Dss | null {
  const text = bytes.toString("latin1");
  const catalogs = [...text.matchAll(/\/Type\s*\/Catalog\b/g)];
  const lastCatalog = catalogs.at(-1);
  if (!lastCatalog) return null;
  const catalog = objectAround(text, lastCatalog.index ?? 0);
  const inline = /\/DSS\s*<<([\s\S]*?)>>/.exec(catalog);
  const ref = /\/DSS\s+(\d+)\s+\d+\s+R/.exec(catalog);
  const dss = inline?.[1] ?? (ref ? objectBody(text, Number(ref[1])) : null);
  if (!dss) return null;
  const streams = (key: string) =>
    [...(new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dss)?.[1] ?? "").matchAll(/(\d+)\s+\d+\s+R/g)]
      .map((r) => streamOf(bytes, text, Number(r[1])))
      .filter((s): s is Uint8Array => s !== null);
  return { certs: streams("Certs"), crls: streams("CRLs"), ocsps: streams("OCSPs") };
}

function objectAround(text: string, at: number): string {
  const start = text.lastIndexOf(" obj", at);
  const end = text.indexOf("endobj", at);
  return text.slice(start, end < 0 ? undefined : end);
}

const lastDefinition = (text: string, n: number) =>
  [...text.matchAll(new RegExp(`(?:^|[^\\d])${n}\\s+0\\s+obj\\b`, "g"))].at(-1);

function objectBody(text: string, n: number): string | null {
  const m = lastDefinition(text, n);
  if (!m) return null;
  const start = (m.index ?? 0) + m[0].length;
  const end = text.indexOf("endobj", start);
  return text.slice(start, end < 0 ? undefined : end);
}

function streamOf(bytes: Buffer, text: string, n: number): Uint8Array | null {
  const body = objectBody(text, n);
  const m = body ? /^([\s\S]*?)stream\r?\n/.exec(body) : null;
  const def = lastDefinition(text, n);
  if (!body || !m || !def) return null;
  const dict = m[1] ?? "";
  const start = (def.index ?? 0) + def[0].length + m[0].length;
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1];
  const end = length ? start + Number(length) : text.indexOf("endstream", start);
  const raw = bytes.subarray(start, end);
  try {
    // pdf-lib's decoder rather than node:zlib: this file stays pure (no I/O modules).
    if (!/\/FlateDecode/.test(dict)) return new Uint8Array(raw);
    const flate = PDFContext.create().obj({ Filter: "FlateDecode" });
    return decodePDFRawStream(PDFRawStream.of(flate, new Uint8Array(raw))).decode();
  } catch {
    return null;
  }
}

/**
 * What follows the last signature is only a DSS: new objects, and the catalog again with /DSS
 * as its one change. Any other object rewritten (a page, a form field) is a change to the content.
 */
export function appendedOnlyDss(bytes: Buffer, byteRange: readonly number[]): boolean {
  const text = bytes.toString("latin1");
  const end = (byteRange[2] ?? 0) + (byteRange[3] ?? 0);
  const before = text.slice(0, end);
  const tail = text.slice(end);
  const objects = [...tail.matchAll(/(\d+)\s+(\d+)\s+obj\b([\s\S]*?)endobj/g)];
  if (objects.length === 0) return false;
  // B-LT also marks the catalog with the ETSI extension (and /Version 1.7 in an older file).
  const withoutDss = (dict: string) =>
    ["DSS", "Extensions", "Version"]
      .reduce(withoutKey, dict)
      .replace(/\s+/g, " ")
      .replace(/\s*(\/|<<|>>|\[|\])\s*/g, "$1")
      .trim();
  return objects.every((m) => {
    const number = Number(m[1]);
    const earlier = lastDefinition(before, number);
    if (!earlier) return true;
    const body = m[3] ?? "";
    if (!/\/Type\s*\/Catalog\b/.test(body)) return false;
    const old = objectBody(before, number) ?? "";
    return withoutDss(old) === withoutDss(body);
  });
}

/** A dictionary without one key and its value (a reference, a name, or a nested dictionary). */
function withoutKey(dict: string, key: string): string {
  const m = new RegExp(`/${key}(?![\\w])\\s*`).exec(dict);
  if (!m) return dict;
  const start = m.index;
  let at = start + m[0].length;
  if (dict.startsWith("<<", at)) {
    let depth = 0;
    while (at < dict.length) {
      if (dict.startsWith("<<", at)) {
        depth++;
        at += 2;
      } else if (dict.startsWith(">>", at)) {
        depth--;
        at += 2;
        if (depth === 0) break;
      } else at++;
    }
    return dict.slice(0, start) + dict.slice(at);
  }
  const value = /^(\d+\s+\d+\s+R|\/[^\s/<>[\]()]+|[^\s/<>[\]()]+)/.exec(dict.slice(at));
  return dict.slice(0, start) + dict.slice(at + (value?.[0].length ?? 0));
}
