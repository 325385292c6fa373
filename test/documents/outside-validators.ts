import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as asn1js from "asn1js";
import { PDFDocument } from "pdf-lib";
import { expect } from "vitest";

// Outside judges of a signed PDF: poppler's pdfsig (NSS) and OpenSSL's cms -verify.

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
export const hasPdfsig = has("pdfsig");

export const workDir = mkdtempSync(join(tmpdir(), "motcua-pades-"));

export function write(name: string, bytes: Uint8Array | string): string {
  const path = join(workDir, name);
  writeFileSync(path, bytes);
  return path;
}

export const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

export async function plainPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText("Giay chung nhan", { x: 20, y: 100, size: 12 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The CMS in /Contents and the bytes its ByteRange covers, as a validator extracts them. */
export function parts(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(
    text.slice(text.lastIndexOf("/ByteRange")),
  );
  const [a, b, c, d] = (m?.slice(1) ?? []).map(Number) as [number, number, number, number];
  const hex = text.slice(b + 1, c - 1);
  const padded = Buffer.from(hex, "hex");
  const info = asn1js.fromBER(new Uint8Array(padded));
  return {
    cms: padded.subarray(0, info.offset),
    signed: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
  };
}

export const pdfsig = (pdf: Buffer, name: string) => run("pdfsig", [write(name, pdf)]);

/** openssl cms -verify of the PDF's CMS over its byte range, trusting the CA in `caFile`. */
export const opensslVerify = (pdf: Buffer, name: string, caFile: string) => {
  const { cms, signed } = parts(pdf);
  return run("openssl", [
    "cms",
    "-verify",
    "-binary",
    "-inform",
    "DER",
    "-in",
    write(`${name}.p7s`, cms),
    "-content",
    write(`${name}.signed`, signed),
    "-CAfile",
    caFile,
    "-purpose",
    "any",
    "-out",
    "/dev/null",
  ]);
};

/** The same file with one byte of the page content changed (inside the signed range). */
export function tampered(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf("/MediaBox [ 0 0 200 200 ]");
  expect(at).toBeGreaterThan(0);
  copy.write("/MediaBox [ 0 0 201 200 ]", at, "latin1");
  return copy;
}
