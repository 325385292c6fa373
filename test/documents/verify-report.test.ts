import { spawnSync } from "node:child_process";
import { createPrivateKey, sign, X509Certificate } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import * as asn1js from "asn1js";
import { PDFDocument } from "pdf-lib";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPdf } from "../../src/casework/documents/pades.ts";
import { verifyPdf, verifyPdfReport } from "../../src/casework/documents/pades-verify.ts";
import { PkiFolder } from "../../src/casework/documents/pki.store.ts";
import { createDemoCa, issueAgencyCredential } from "../../src/casework/documents/pki.ts";
import type { TimestampAuthority } from "../../src/casework/documents/result-signer.ts";
import { signResult } from "../../src/casework/documents/results.service.ts";
import { p12Signer } from "../../src/casework/documents/software.signer.ts";
import { httpTimestampAuthority } from "../../src/casework/documents/timestamp.client.ts";
import { emptyTrustList, type TrustList } from "../../src/casework/documents/trust.ts";
import { loadTrustList } from "../../src/casework/documents/trust-list.store.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { createTsaStandin } from "../../src/tools/standins/tsa.standin.ts";

// The verification report judged as an outside validator would; pdfsig (poppler, NSS) is the
// second opinion where it is installed.

const dir = mkdtempSync(join(tmpdir(), "motcua-verify-"));
const hasPdfsig = spawnSync("sh", ["-c", "command -v pdfsig"]).status === 0;
const pdfsig = (pdf: Buffer, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  const r = spawnSync("pdfsig", [path], { encoding: "utf8" });
  return `${r.stdout}${r.stderr}`;
};

const ca = createDemoCa(new Date(), { commonName: "CA Thử nghiệm Tỉnh", organizationName: "Sở TT&TT" });
const official = issueAgencyCredential(ca, { code: "000.00.37.H40", name: "Nguyễn Văn An" });
const seal = issueAgencyCredential(ca, { code: "000.00.37.H40", name: "Sở Tư pháp (con dấu)" });
const trust: TrustList = { ...emptyTrustList, anchors: [ca.certPem] };
const meta = {
  reason: "Ban hành",
  name: "Sở Tư pháp",
  location: "Việt Nam",
  signingTime: new Date("2026-03-09T01:00:00Z"),
};
const serialOf = (pem: string) => new X509Certificate(pem).serialNumber;

async function plainPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText("Giay chung nhan", { x: 20, y: 100, size: 12 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A CRL from `issuer` (v2, DER), signed with `key` (the issuer's, unless a forgery is wanted). */
function crl(
  issuer: { certPem: string; keyPem: string },
  revoked: { serial: string; at: Date }[],
  o: { thisUpdate?: Date; nextUpdate?: Date; key?: string } = {},
): Uint8Array {
  const thisUpdate = o.thisUpdate ?? new Date();
  const alg = new pkijs.AlgorithmIdentifier({
    algorithmId: "1.2.840.113549.1.1.11",
    algorithmParams: new asn1js.Null(),
  });
  const list = new pkijs.CertificateRevocationList({
    version: 1,
    signature: alg,
    issuer: pkijs.Certificate.fromBER(new Uint8Array(new X509Certificate(issuer.certPem).raw)).subject,
    thisUpdate: new pkijs.Time({ type: 0, value: thisUpdate }),
    nextUpdate: new pkijs.Time({
      type: 0,
      value: o.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * 86_400_000),
    }),
    ...(revoked.length
      ? {
          revokedCertificates: revoked.map(
            (r) =>
              new pkijs.RevokedCertificate({
                userCertificate: new asn1js.Integer({ valueHex: Buffer.from(`00${r.serial}`, "hex") }),
                revocationDate: new pkijs.Time({ type: 0, value: r.at }),
              }),
          ),
        }
      : {}),
  });
  const tbs = new Uint8Array((list as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER());
  list.tbsView = tbs;
  list.signatureAlgorithm = alg;
  list.signatureValue = new asn1js.BitString({
    valueHex: sign("sha256", tbs, createPrivateKey(o.key ?? issuer.keyPem)),
  });
  return new Uint8Array(list.toSchema().toBER());
}

/** An OCSP response (RFC 6960) from the CA itself about `certPem`: good, or revoked at a time. */
async function ocsp(issuer: { certPem: string; keyPem: string }, certPem: string, revokedAt: Date | null) {
  const parse = (pem: string) => pkijs.Certificate.fromBER(new Uint8Array(new X509Certificate(pem).raw));
  const issuerCert = parse(issuer.certPem);
  const certID = await pkijs.CertID.create(parse(certPem), {
    hashAlgorithm: "SHA-256",
    issuerCertificate: issuerCert,
  });
  const status = revokedAt
    ? new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [new asn1js.GeneralizedTime({ valueDate: revokedAt })],
      })
    : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  const data = new pkijs.ResponseData({
    responderID: issuerCert.subject,
    producedAt: new Date(),
    responses: [new pkijs.SingleResponse({ certID, certStatus: status, thisUpdate: new Date() })],
  });
  const tbs = new Uint8Array(data.toSchema(true).toBER());
  data.tbsView = tbs;
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: "1.2.840.113549.1.1.11",
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.BitString({ valueHex: sign("sha256", tbs, createPrivateKey(issuer.keyPem)) }),
  });
  return new Uint8Array(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: "1.3.6.1.5.5.7.48.1.1",
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
      }),
    })
      .toSchema()
      .toBER(),
  );
}

/** An incremental update: these objects (dictionaries, or a stream's bytes) after the file. */
function appendUpdate(pdf: Buffer, objects: Map<number, string | Uint8Array>): Buffer {
  const text = pdf.toString("latin1");
  const prev = [...text.matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1];
  const trailer = [...text.matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref/g)].at(-1)?.[1] ?? "";
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const size = Math.max(
    Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]),
    ...[...objects.keys()].map((n) => n + 1),
  );
  let body = "\n";
  const offsets: [number, number][] = [];
  for (const [num, content] of objects) {
    offsets.push([num, pdf.length + body.length]);
    // Streams are Flate-compressed, as most writers store them.
    const packed = typeof content === "string" ? null : deflateSync(content);
    const value =
      packed === null
        ? (content as string)
        : `<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n${packed.toString("latin1")}\nendstream`;
    body += `${num} 0 obj\n${value}\nendobj\n`;
  }
  const xrefAt = pdf.length + body.length;
  body += `xref\n${offsets.map(([n, o]) => `${n} 1\n${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body, "latin1")]);
}

/** The object's dictionary at its last definition. */
function lastObject(pdf: Buffer, num: number): string {
  const text = pdf.toString("latin1");
  const m = [...text.matchAll(new RegExp(`\\n${num} 0 obj\\s*([\\s\\S]*?)\\s*endobj`, "g"))].at(-1);
  return m?.[1] ?? "";
}

/** A DSS with these certificates and CRLs, as PAdES B-LT appends it after the last signature. */
function withDss(pdf: Buffer, certs: string[], crls: Uint8Array[], ocsps: Uint8Array[] = []): Buffer {
  const text = pdf.toString("latin1");
  const trailer = [...text.matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref/g)].at(-1)?.[1] ?? "";
  const rootNum = Number(/\/Root\s+(\d+)/.exec(trailer)?.[1]);
  let next = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const objects = new Map<number, string | Uint8Array>();
  const refs = (items: Uint8Array[]) =>
    items.map((b) => {
      objects.set(next, b);
      return `${next++} 0 R`;
    });
  const certRefs = refs(certs.map((p) => new Uint8Array(new X509Certificate(p).raw)));
  const crlRefs = refs(crls);
  const ocspRefs = refs(ocsps);
  const dss = next++;
  objects.set(
    dss,
    `<< /Type /DSS /Certs [${certRefs.join(" ")}] /CRLs [${crlRefs.join(" ")}] /OCSPs [${ocspRefs.join(" ")}] >>`,
  );
  const catalog = lastObject(pdf, rootNum);
  objects.set(
    rootNum,
    `${catalog.replace(/>>\s*$/, "")} /DSS ${dss} 0 R /Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 1 >> >> >>`,
  );
  return appendUpdate(pdf, objects);
}

/** One byte of the page's MediaBox changed, inside every signed range. */
function tampered(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf("/MediaBox [ 0 0 200 200 ]");
  copy.write("/MediaBox [ 0 0 201 200 ]", at, "latin1");
  return copy;
}

const faults = faultsSchema.parse({});

describe("PAdES B-B and B-T, one signature", async () => {
  const tsaCa = createDemoCa(new Date(), { commonName: "TSA CA Thử nghiệm", organizationName: "TSA" });
  const standin = createTsaStandin({ ca: tsaCa, faults });
  let tsa: TimestampAuthority;
  beforeAll(async () => {
    await standin.app.listen({ port: 0, host: "127.0.0.1" });
    tsa = httpTimestampAuthority(
      `http://127.0.0.1:${(standin.app.server.address() as { port: number }).port}/tsa`,
    );
  });
  afterAll(() => standin.app.close());
  const bb = await signPdf(await plainPdf(), p12Signer(official), meta);

  it("a B-B signature: intact, covers the file, trusted chain, time claimed by /M, revocation unknown", () => {
    const r = verifyPdfReport(bb, trust);
    expect(r.valid).toBe(true);
    expect(r.signatures).toHaveLength(1);
    const [s] = r.signatures;
    expect(s).toMatchObject({
      index: 0,
      integrity: "intact",
      coversWholeFile: true,
      level: "B-B",
      valid: true,
      issuer: "CA Thử nghiệm Tỉnh",
      serialNumber: serialOf(official.certPem),
      signer: { organisationUnit: "000.00.37.H40" },
      signingTime: { claimed: "2026-03-09T01:00:00.000Z", timestamp: null, source: "claimed" },
      timestamp: { present: false, valid: false },
      chain: { status: "trusted", trustAnchor: "CA Thử nghiệm Tỉnh" },
      revocation: { status: "unknown", source: null },
    });
    expect(s?.signer.commonName).toContain("Nguyễn Văn An");
    expect(s?.chain.path).toHaveLength(2);
    expect(s?.fieldName).toMatch(/Signature/);
    expect(s?.reasons).toEqual(["Không có thông tin thu hồi (CRL, OCSP) cho chứng thư của người ký."]);
    expect(r.summary).toContain("1 chữ ký số, tất cả hợp lệ");
  });

  it("a B-T signature: the time comes from a valid time-stamp, and its TSA is named", async () => {
    const bt = await signPdf(await plainPdf(), p12Signer(official), meta, tsa);
    const [s] = verifyPdfReport(bt, trust).signatures;
    expect(s).toMatchObject({
      level: "B-T",
      valid: true,
      signingTime: { source: "timestamp" },
      timestamp: { present: true, valid: true, trusted: false },
    });
    expect(s?.timestamp.authority).toContain("motcua Demo TSA");
    expect(Math.abs(Date.parse(s?.signingTime.timestamp ?? "") - Date.now())).toBeLessThan(60_000);
    expect(s?.reasons).toContain(
      "Dấu thời gian do một đơn vị cấp dấu thời gian ngoài danh sách tin cậy cấp.",
    );
    const tsaTrusted = verifyPdfReport(bt, { ...trust, anchors: [ca.certPem, tsaCa.certPem] });
    expect(tsaTrusted.signatures[0]?.timestamp.trusted).toBe(true);
  });

  it("a changed byte: altered and not valid, as pdfsig says", () => {
    const bad = tampered(bb);
    const r = verifyPdfReport(bad, trust);
    expect(r.valid).toBe(false);
    expect(r.signatures[0]).toMatchObject({ integrity: "altered", valid: false });
    expect(r.signatures[0]?.reasons[0]).toContain("giá trị băm không khớp");
    expect(verifyPdf(bad, [ca.certPem]).valid).toBe(false);
    if (hasPdfsig) {
      expect(pdfsig(bb, "bb.pdf")).toContain("Signature Validation: Signature is Valid.");
      expect(pdfsig(bad, "bb-bad.pdf")).not.toContain("Signature is Valid");
    }
  });

  it("a CA not on the trust list: untrusted, not valid; pdfsig does not trust the issuer either", () => {
    const other = createDemoCa(new Date(), { commonName: "CA Khác", organizationName: "Khác" });
    const r = verifyPdfReport(bb, { ...emptyTrustList, anchors: [other.certPem] });
    expect(r.signatures[0]).toMatchObject({
      integrity: "intact",
      chain: { status: "untrusted" },
      valid: false,
    });
    expect(r.signatures[0]?.reasons[0]).toBe(
      "Chứng thư của người ký không do tổ chức chứng thực tin cậy cấp.",
    );
    if (hasPdfsig) {
      const out = pdfsig(bb, "bb-untrusted.pdf");
      expect(out).toContain("Signature is Valid");
      expect(out).toMatch(/Certificate Validation: Certificate issuer isn't Trusted/);
    }
  });

  it("an expired certificate: expired, not valid, whether the claimed time is inside its validity or not", async () => {
    const old = issueAgencyCredential(ca, { code: "X", name: "Cán bộ cũ" }, new Date("2015-06-01T00:00:00Z"));
    const late = await signPdf(await plainPdf(), p12Signer(old), meta);
    expect(verifyPdfReport(late, trust).signatures[0]).toMatchObject({
      chain: { status: "expired" },
      valid: false,
    });
    // Claimed inside its validity, but without a time-stamp nothing proves the claim.
    const backdated = await signPdf(await plainPdf(), p12Signer(old), {
      ...meta,
      signingTime: new Date("2016-01-01T00:00:00Z"),
    });
    const s = verifyPdfReport(backdated, trust).signatures[0];
    expect(s).toMatchObject({ chain: { status: "expired" }, valid: false });
    expect(s?.reasons[0]).toContain("không có dấu thời gian");
  });

  describe("revocation", () => {
    const serial = serialOf(official.certPem);
    const withCrl = (list: Uint8Array): TrustList => ({ ...trust, crls: [list] });

    it("a CRL from the issuer that does not list the certificate: good", () => {
      const [s] = verifyPdfReport(bb, withCrl(crl(ca, []))).signatures;
      expect(s).toMatchObject({ revocation: { status: "good", source: "crl" }, valid: true, reasons: [] });
    });

    it("listed in the issuer's CRL: revoked; without a time-stamp, not valid", () => {
      const list = crl(ca, [{ serial, at: new Date("2026-06-01T00:00:00Z") }]);
      const [s] = verifyPdfReport(bb, withCrl(list)).signatures;
      expect(s).toMatchObject({ revocation: { status: "revoked", source: "crl" }, valid: false });
      expect(s?.revocation.revokedAt).toBe("2026-06-01T00:00:00.000Z");
    });

    it("revoked before the time-stamped signing time: not valid", async () => {
      const bt = await signPdf(await plainPdf(), p12Signer(official), meta, tsa);
      const [s] = verifyPdfReport(
        bt,
        withCrl(crl(ca, [{ serial, at: new Date("2026-06-01T00:00:00Z") }])),
      ).signatures;
      expect(s).toMatchObject({ revocation: { status: "revoked" }, valid: false });
      expect(s?.reasons[0]).toContain("trước thời điểm ký");
    });

    it("revoked after the time-stamped signing time: still valid, with a note", async () => {
      const past = createTsaStandin({ ca: tsaCa, faults, now: () => new Date("2026-03-09T02:00:00Z") });
      await past.app.listen({ port: 0, host: "127.0.0.1" });
      const port = (past.app.server.address() as { port: number }).port;
      const bt = await signPdf(
        await plainPdf(),
        p12Signer(official),
        meta,
        httpTimestampAuthority(`http://127.0.0.1:${port}/tsa`),
      ).finally(() => past.app.close());
      const [s] = verifyPdfReport(
        bt,
        withCrl(crl(ca, [{ serial, at: new Date("2026-06-01T00:00:00Z") }])),
      ).signatures;
      expect(s).toMatchObject({ revocation: { status: "revoked" }, valid: true });
      expect(s?.reasons.join(" ")).toContain("sau thời điểm ký: chữ ký vẫn có giá trị");
    });

    it("a CRL not signed by the issuer, or issued before the signing time and expired, says nothing", () => {
      const forged = crl(ca, [{ serial, at: new Date("2026-01-01T00:00:00Z") }], {
        key: createDemoCa().keyPem,
      });
      expect(verifyPdfReport(bb, withCrl(forged)).signatures[0]?.revocation.status).toBe("unknown");
      const stale = crl(ca, [], {
        thisUpdate: new Date("2026-01-01T00:00:00Z"),
        nextUpdate: new Date("2026-01-08T00:00:00Z"),
      });
      expect(verifyPdfReport(bb, withCrl(stale)).signatures[0]?.revocation.status).toBe("unknown");
    });

    it("a DSS with the chain and a CRL makes a time-stamped signature B-LT; the DSS after it is no change", async () => {
      const bt = await signPdf(await plainPdf(), p12Signer(official), meta, tsa);
      const lt = withDss(bt, [official.certPem, ca.certPem], [crl(ca, [])]);
      const r = verifyPdfReport(lt, trust);
      expect(r.valid).toBe(true);
      expect(r.signatures[0]).toMatchObject({
        level: "B-LT",
        coversWholeFile: false,
        revocation: { status: "good", source: "crl" },
      });
      const revoked = withDss(bt, [official.certPem], [crl(ca, [{ serial, at: new Date("2026-01-01") }])]);
      expect(verifyPdfReport(revoked, trust).signatures[0]).toMatchObject({
        revocation: { status: "revoked" },
        valid: false,
      });
      if (hasPdfsig) expect(pdfsig(lt, "lt.pdf")).toContain("Signature is Valid");
    });

    it("an OCSP response in the DSS: good, or revoked, from the issuer's signed answer", async () => {
      const bt = await signPdf(await plainPdf(), p12Signer(official), meta, tsa);
      const good = withDss(bt, [official.certPem, ca.certPem], [], [await ocsp(ca, official.certPem, null)]);
      expect(verifyPdfReport(good, trust).signatures[0]).toMatchObject({
        level: "B-LT",
        revocation: { status: "good", source: "ocsp" },
        valid: true,
      });
      const revoked = withDss(
        bt,
        [official.certPem],
        [],
        [await ocsp(ca, official.certPem, new Date("2026-01-01"))],
      );
      expect(verifyPdfReport(revoked, trust).signatures[0]).toMatchObject({
        revocation: { status: "revoked", source: "ocsp", revokedAt: "2026-01-01T00:00:00.000Z" },
        valid: false,
      });
      const other = createDemoCa();
      const forged = withDss(bt, [official.certPem], [], [await ocsp(other, official.certPem, null)]);
      expect(verifyPdfReport(forged, trust).signatures[0]?.revocation.status).toBe("unknown");
    });

    it("a demo result as motcua issues it (official, seal, DSS with the demo CRL): two B-LT signatures, valid in demo mode", async () => {
      const pki = join(dir, "pki-lt");
      const folder = new PkiFolder(pki, true, tsa, { seal: true, longTerm: true });
      const agency = { code: "000.00.37.H40", name: "Sở Tư pháp" };
      const [signer, sealSigner] = [folder.signerFor(agency), folder.sealFor(agency)];
      if (!signer || !sealSigner) throw new Error("demo signers expected");
      const docs = { files: null as never, publicUrl: "http://localhost", signing: folder };
      const r = await signResult(docs, await plainPdf(), signer, meta, {
        seal: { signer: sealSigner, name: `${agency.name} (con dấu)` },
        longTerm: true,
      });
      if (!r.ok) throw new Error(r.error.code);
      const report = verifyPdfReport(r.value, folder.trustList());
      expect(report.valid).toBe(true);
      expect(report.signatures.map((x) => [x.level, x.chain.status, x.revocation.status, x.valid])).toEqual([
        ["B-LT", "demo", "good", true],
        ["B-LT", "demo", "good", true],
      ]);
      expect(verifyPdfReport(r.value, new PkiFolder(pki, false).trustList()).valid).toBe(false);
    });

    it("another object rewritten after the last signature: the file is not valid", () => {
      const text = bb.toString("latin1");
      const page = Number(/(\d+) 0 obj\s*<<[^>]*\/Type \/Page\b/.exec(text)?.[1]);
      const changed = appendUpdate(bb, new Map([[page, lastObject(bb, page).replace("200 200", "300 300")]]));
      const r = verifyPdfReport(changed, trust);
      expect(r.signatures[0]).toMatchObject({ integrity: "intact", coversWholeFile: false, valid: false });
      expect(r.valid).toBe(false);
      expect(verifyPdf(changed, [ca.certPem]).reason).toBe(
        "Chữ ký không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký.",
      );
    });
  });
});

describe("two incremental signatures: the official's, then the agency's seal", async () => {
  const first = await signPdf(await plainPdf(), p12Signer(official), meta);
  const both = await signPdf(first, p12Signer(seal), {
    ...meta,
    signingTime: new Date("2026-03-09T01:05:00Z"),
  });

  it("placeholder-plain appends: the first signature's bytes are kept", () => {
    expect(both.subarray(0, first.length).equals(first)).toBe(true);
  });

  it("both are reported in order; only the last covers the whole file; the file is valid", () => {
    const r = verifyPdfReport(both, trust);
    expect(r.signatures.map((s) => [s.index, s.integrity, s.coversWholeFile, s.valid])).toEqual([
      [0, "intact", false, true],
      [1, "intact", true, true],
    ]);
    expect(r.signatures[0]?.signer.commonName).toContain("Nguyễn Văn An");
    expect(r.signatures[1]?.signer.commonName).toContain("con dấu");
    expect(r.signatures[0]?.fieldName).not.toBe(r.signatures[1]?.fieldName);
    expect(r.valid).toBe(true);
    expect(r.summary).toContain("2 chữ ký số, tất cả hợp lệ");
    expect(verifyPdf(both, [ca.certPem]).signer).toContain("con dấu");
  });

  it.skipIf(!hasPdfsig)("pdfsig also finds two valid signatures", () => {
    const out = pdfsig(both, "two.pdf");
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
  });

  it("a changed byte in the page breaks both", () => {
    const r = verifyPdfReport(tampered(both), trust);
    expect(r.signatures.map((s) => s.integrity)).toEqual(["altered", "altered"]);
  });
});

describe("the demo CA", () => {
  const pki = join(dir, "pki");
  const demoSigner = () => {
    const signer = new PkiFolder(pki, true).signerFor({ code: "000.00.37.H40", name: "Sở Tư pháp" });
    if (!signer) throw new Error("no demo signer");
    return signer;
  };

  it("outside demo mode it is no trust anchor: chain demo, not valid, and said so", async () => {
    const pdf = await signPdf(await plainPdf(), demoSigner(), meta);
    const strict = loadTrustList({ dir: pki, demo: false });
    expect(strict.anchors).toEqual([]);
    const [s] = verifyPdfReport(pdf, strict).signatures;
    expect(s).toMatchObject({ chain: { status: "demo" }, valid: false });
    expect(s?.reasons).toContain("Chứng thư do CA thử nghiệm (demo) cấp, không có giá trị pháp lý");
  });

  it("in demo mode it verifies, still labelled demo", async () => {
    const pdf = await signPdf(await plainPdf(), demoSigner(), meta);
    const r = verifyPdfReport(pdf, loadTrustList({ dir: pki, demo: true }));
    expect(r.signatures[0]).toMatchObject({ chain: { status: "demo" }, valid: true });
    expect(r.summary).toContain("demo");
  });

  it("a trust list bundle adds anchors", () => {
    const bundle = join(dir, "bundle.pem");
    writeFileSync(bundle, `${ca.certPem}\n${createDemoCa().certPem}`);
    const list = loadTrustList({ dir: pki, demo: false, bundlePath: bundle });
    expect(list.anchors).toEqual([ca.certPem.trim()]);
    expect(list.demoCas).toHaveLength(2);
  });
});
