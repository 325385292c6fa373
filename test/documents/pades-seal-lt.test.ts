import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as asn1js from "asn1js";
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, type PDFRef } from "pdf-lib";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPdf } from "../../src/casework/documents/pades.ts";
import { readTail } from "../../src/casework/documents/pdf-incremental.ts";
import { PkiFolder } from "../../src/casework/documents/pki.store.ts";
import { createDemoCa, issueAgencyCredential } from "../../src/casework/documents/pki.ts";
import { issueCrl } from "../../src/casework/documents/pki-crl.ts";
import type { TimestampAuthority } from "../../src/casework/documents/result-signer.ts";
import { signResult } from "../../src/casework/documents/results.service.ts";
import { p12Signer } from "../../src/casework/documents/software.signer.ts";
import { httpTimestampAuthority } from "../../src/casework/documents/timestamp.client.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { createTsaStandin } from "../../src/tools/standins/tsa.standin.ts";

// Issue 21: the official signs, then the agency's seal (two incremental signatures, the first
// left intact), then a DSS with certificates and CRLs (PAdES B-LT). Judged by pdfsig and openssl.

const hasPdfsig = spawnSync("sh", ["-c", "command -v pdfsig"]).status === 0;
if (!hasPdfsig) console.warn("pdfsig not found (apt-get install poppler-utils): skipping the pdfsig checks");

const dir = mkdtempSync(join(tmpdir(), "motcua-seal-lt-"));
const ca = createDemoCa(new Date(), {
  commonName: "Ban Cơ yếu Chính phủ",
  organizationName: "Cục Chứng thực số và Bảo mật thông tin",
});
writeFileSync(join(dir, "ca.pem"), ca.certPem);
const agency = { code: "000.00.37.H40", name: "Sở Tư pháp tỉnh Ninh Bình" };
const officialCredential = issueAgencyCredential(ca, agency);
const official = p12Signer(officialCredential);
const seal = p12Signer(issueAgencyCredential(ca, { ...agency, name: `${agency.name} (con dấu)` }));
const crl = issueCrl(ca, []);

const meta = {
  reason: "Ban hành 1/2026/KQ-H40",
  name: "Nguyễn Văn An",
  location: "Việt Nam",
  signingTime: new Date("2026-03-09T01:00:00Z"),
};

async function plainPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText("Giay chung nhan", { x: 20, y: 100, size: 12 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Each signature's CMS and the bytes its ByteRange covers, in file order. */
function signatures(pdf: Buffer) {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
    const padded = Buffer.from(text.slice(b + 1, c - 1), "hex");
    return {
      cms: padded.subarray(0, asn1js.fromBER(new Uint8Array(padded)).offset),
      signed: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
      end: c + d,
    };
  });
}

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const opensslVerify = (s: { cms: Buffer; signed: Buffer }, name: string) =>
  run("openssl", [
    "cms",
    "-verify",
    "-binary",
    "-inform",
    "DER",
    "-in",
    write(`${name}.p7s`, s.cms),
    "-content",
    write(`${name}.signed`, s.signed),
    "-CAfile",
    join(dir, "ca.pem"),
    "-purpose",
    "any",
    "-out",
    "/dev/null",
  ]);

/** One byte of the page changed: inside what both signatures cover. */
function tampered(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf("/MediaBox [ 0 0 200 200 ]");
  expect(at).toBeGreaterThan(0);
  copy.write("/MediaBox [ 0 0 201 200 ]", at, "latin1");
  return copy;
}

/** The streams an array of the catalog's /DSS refers to. */
async function dssStreams(pdf: Buffer, key: "Certs" | "CRLs" | "OCSPs"): Promise<Uint8Array[] | null> {
  const doc = await PDFDocument.load(pdf);
  const dss = doc.catalog.lookup(PDFName.of("DSS"), PDFDict);
  const array = dss.lookupMaybe(PDFName.of(key), PDFArray);
  if (!array) return null;
  return array.asArray().map((ref) => (doc.context.lookup(ref as PDFRef) as PDFRawStream).contents);
}

describe("official, then seal, then DSS: PAdES B-LT with two signatures", async () => {
  const tsaCa = createDemoCa(new Date(), {
    commonName: "Ban Cơ yếu Chính phủ — TSA",
    organizationName: "Cục",
  });
  const standin = createTsaStandin({
    ca: tsaCa,
    faults: faultsSchema.parse({}),
  });
  let tsa: TimestampAuthority;
  let pdf: Buffer;
  beforeAll(async () => {
    await standin.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (standin.app.server.address() as { port: number }).port;
    tsa = httpTimestampAuthority(`http://127.0.0.1:${port}/tsa`);
    pdf = await signPdf(await plainPdf(), {
      signatures: [
        { signer: official, meta },
        { signer: seal, meta: { ...meta, name: `${agency.name} (con dấu)` } },
      ],
      tsa,
      longTerm: { crls: [crl] },
    });
  });
  afterAll(() => standin.app.close());

  it.skipIf(!hasPdfsig)("pdfsig: two signatures, Signature1 and Signature2, both valid", () => {
    const r = run("pdfsig", ["-nocert", write("seal-lt.pdf", pdf)]);
    expect(r.out.match(/^Signature #\d+:/gm)).toHaveLength(2);
    expect(r.out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(r.out).toContain("Signature Field Name: Signature1");
    expect(r.out).toContain("Signature Field Name: Signature2");
    expect(r.out).toContain("(con dấu)");
  });

  it("openssl cms -verify accepts each CMS over its own range; the first range ends before the second signature", () => {
    const [first, second] = signatures(pdf);
    if (!first || !second) throw new Error("two signatures expected");
    expect(first.end).toBeLessThan(second.end);
    expect(second.end).toBeLessThan(pdf.length); // the DSS update follows
    for (const [s, name] of [
      [first, "first"],
      [second, "second"],
    ] as const) {
      const r = opensslVerify(s, name);
      expect(r.out).toContain("Verification successful");
      expect(r.status).toBe(0);
    }
  });

  it("the DSS holds every certificate (both chains, the TSA's) and the CRL; the xref points at each object", async () => {
    const certs = (await dssStreams(pdf, "Certs")) ?? [];
    const subjects = certs.map((c) => new X509Certificate(c).subject);
    expect(subjects.some((s) => s.includes("(con dấu)"))).toBe(true);
    expect(subjects.some((s) => s.includes("Ban Cơ yếu Chính phủ — TSA"))).toBe(true);
    expect(new Set(subjects).size).toBe(certs.length);
    const official = new X509Certificate(officialCredential.certPem).raw;
    expect(certs.some((c) => Buffer.from(c).equals(official))).toBe(true);
    const crls = (await dssStreams(pdf, "CRLs")) ?? [];
    expect(crls.map((c) => Buffer.from(c).toString("hex"))).toEqual([Buffer.from(crl).toString("hex")]);
    expect(await dssStreams(pdf, "OCSPs")).toBeNull();
    const tail = readTail(pdf);
    for (const [num, offset] of tail.offsets)
      expect(pdf.toString("latin1", offset, offset + 20)).toMatch(new RegExp(`^${num} 0 obj`));
  });

  it("a byte changed under the first signature breaks it, for openssl and pdfsig", () => {
    const bad = tampered(pdf);
    const [first] = signatures(bad);
    if (!first) throw new Error("no signature");
    expect(opensslVerify(first, "first-tampered").status).not.toBe(0);
    if (!hasPdfsig) return;
    const out = run("pdfsig", ["-nocert", write("seal-lt-tampered.pdf", bad)]).out;
    const first1 = out.slice(out.indexOf("Signature #1:"), out.indexOf("Signature #2:"));
    expect(first1).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });
});

describe("the demo CA's CRL (pkijs, signed with node:crypto)", () => {
  it("openssl checks its signature, and a revoked serial fails verify -crl_check", () => {
    const serial = new X509Certificate(officialCredential.certPem).serialNumber;
    write("leaf.pem", Buffer.from(officialCredential.certPem));
    for (const [name, revoked] of [
      ["empty", []],
      ["revoked", [serial]],
    ] as const) {
      const der = write(`${name}.crl`, issueCrl(ca, [...revoked]));
      expect(
        run("openssl", ["crl", "-inform", "DER", "-in", der, "-CAfile", join(dir, "ca.pem"), "-noout"]).out,
      ).toContain("verify OK");
      const pem = run("openssl", ["crl", "-inform", "DER", "-in", der]).out;
      write(`${name}-bundle.pem`, Buffer.from(`${ca.certPem}\n${pem}`));
      const r = run("openssl", [
        "verify",
        "-crl_check",
        "-CAfile",
        join(dir, `${name}-bundle.pem`),
        join(dir, "leaf.pem"),
      ]);
      if (revoked.length) expect(r.out).toContain("certificate revoked");
      else expect(r.status).toBe(0);
    }
    const parsed = pkijs.CertificateRevocationList.fromBER(
      issueCrl(ca, [], new Date("2026-03-09T00:00:00Z")),
    );
    expect(parsed.thisUpdate.value.toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(parsed.nextUpdate?.value.toISOString()).toBe("2026-03-16T00:00:00.000Z");
  });
});

describe("PkiFolder: the seal and the revocation data, by deployment", () => {
  it("demo with seal and long-term: a seal certificate, the demo CRL, and signResult gives two signatures and a DSS", async () => {
    const pki = join(dir, "pki");
    const folder = new PkiFolder(pki, true, null, { seal: true, longTerm: true });
    const sealSigner = folder.sealFor(agency);
    expect(sealSigner).not.toBeNull();
    expect(existsSync(join(pki, "agencies", "000.00.37.H40.seal.p12"))).toBe(true);
    const [leaf] = (await sealSigner?.certificateChain()) ?? [];
    expect(new X509Certificate(leaf as Uint8Array).subject).toContain(`${agency.name} (con dấu)`);
    const signer = folder.signerFor(agency);
    if (!signer || !sealSigner) throw new Error("demo signers expected");
    const revocation = folder.revocationFor(await signer.certificateChain());
    expect(revocation?.crls).toHaveLength(1);
    expect(existsSync(join(pki, "crls", "demo-ca.crl"))).toBe(true);
    // A CRL of another CA is not this chain's.
    expect(
      new PkiFolder(pki, false, null, { longTerm: true }).revocationFor(await official.certificateChain()),
    ).toBeNull();

    const docs = { files: null as never, publicUrl: "http://localhost", signing: folder };
    const r = await signResult(docs, await plainPdf(), signer, meta, {
      seal: { signer: sealSigner, name: `${agency.name} (con dấu)` },
      longTerm: true,
    });
    if (!r.ok) throw new Error(r.error.code);
    expect(signatures(r.value)).toHaveLength(2);
    expect((await dssStreams(r.value, "CRLs")) ?? []).toHaveLength(1);
    if (hasPdfsig)
      expect(
        run("pdfsig", ["-nocert", write("folder.pdf", r.value)]).out.match(/Signature is Valid/g),
      ).toHaveLength(2);
  });

  it("by default (seal off, long-term off): no seal, no revocation data, one signature", async () => {
    const folder = new PkiFolder(join(dir, "pki-default"), true);
    expect(folder.sealFor(agency)).toBeNull();
    expect(folder.revocationFor([])).toBeNull();
    const signer = folder.signerFor(agency);
    if (!signer) throw new Error("demo signer expected");
    const docs = { files: null as never, publicUrl: "http://localhost", signing: folder };
    const r = await signResult(docs, await plainPdf(), signer, meta, { seal: null, longTerm: true });
    if (!r.ok) throw new Error(r.error.code);
    expect(signatures(r.value)).toHaveLength(1);
    expect(r.value.toString("latin1")).not.toContain("/DSS");
  });
});
