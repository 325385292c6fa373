import { appendUpdate, objectDict, type PdfObjectBody, rawStream, readTail } from "./pdf-incremental.ts";

/** Validation material for PAdES B-LT: certificates, CRLs and OCSP responses, each DER. */
export interface ValidationData {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
}

const unique = (items: Uint8Array[]) => {
  const seen = new Set<string>();
  return items.filter((b) => {
    const key = Buffer.from(b).toString("base64");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * PAdES B-LT (ETSI EN 319 142-1 5.4, ISO 32000-2 12.8.4.3): a Document Security Store with the
 * validation data, in an incremental update after the last signature. No /VRI: it is optional,
 * and a validator takes what it needs from /Certs, /CRLs and /OCSPs.
 */
export function appendDss(pdf: Uint8Array, data: ValidationData): Buffer {
  const tail = readTail(pdf);
  if (tail.root.gen !== 0) throw new Error("PDF: a catalog with a non-zero generation is not supported");
  const catalog = objectDict(pdf, tail, tail.root.num);
  if (/\/DSS\s*<</.test(catalog)) throw new Error("PDF: a direct /DSS dictionary is not supported");
  const objects = new Map<number, PdfObjectBody>();
  let next = tail.size;
  const streams = (items: Uint8Array[]) =>
    unique(items).map((bytes) => {
      const num = next++;
      objects.set(num, rawStream(bytes));
      return `${num} 0 R`;
    });
  const arrays = [
    ["Certs", streams(data.certs)],
    ["CRLs", streams(data.crls)],
    ["OCSPs", streams(data.ocsps)],
  ] as const;
  const dss = next++;
  objects.set(
    dss,
    `<< /Type /DSS ${arrays
      .filter(([, refs]) => refs.length > 0)
      .map(([key, refs]) => `/${key} [${refs.join(" ")}]`)
      .join(" ")} >>`,
  );
  const header = /%PDF-(\d\.\d)/.exec(Buffer.from(pdf.subarray(0, 1024)).toString("latin1"));
  const additions = [
    `/DSS ${dss} 0 R`,
    // The DSS is PDF 2.0; in an older file it is the ETSI extension to 1.7 (EN 319 142-1 5.4.1).
    ...(/\/Extensions\b/.test(catalog)
      ? []
      : ["/Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 1 >> >>"]),
    ...(/\/Version\b/.test(catalog) || Number(header?.[1] ?? "1.7") >= 1.7 ? [] : ["/Version /1.7"]),
  ];
  const body = catalog.slice(2, -2).replace(/\/DSS\s+\d+\s+\d+\s+R/, "");
  objects.set(tail.root.num, `<<${body}\n${additions.join("\n")}\n>>`);
  return appendUpdate(pdf, tail, objects);
}
