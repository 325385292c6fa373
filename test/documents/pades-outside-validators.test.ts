import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OID, readSignedData } from "../../src/casework/documents/cms.ts";
import { signPdf } from "../../src/casework/documents/pades.ts";
import { verifyPdf } from "../../src/casework/documents/pades-verify.ts";
import { createDemoCa, issueAgencyCredential } from "../../src/casework/documents/pki.ts";
import { type TimestampAuthority, TimestampUnavailable } from "../../src/casework/documents/result-signer.ts";
import { signResult } from "../../src/casework/documents/results.service.ts";
import { p12Signer } from "../../src/casework/documents/software.signer.ts";
import { httpTimestampAuthority } from "../../src/casework/documents/timestamp.client.ts";
import { createTsaStandin } from "../../src/tools/standins/tsa.standin.ts";
import {
  hasPdfsig,
  opensslVerify,
  parts,
  pdfsig,
  plainPdf,
  run,
  tampered,
  workDir,
  write,
} from "./outside-validators.ts";

// Outside judges of a signed result: poppler's pdfsig (NSS) and OpenSSL. Both once rejected every
// result whose CA had a Vietnamese name, while motcua's own check accepted it (issue 21).

if (!hasPdfsig) console.warn("pdfsig not found (apt-get install poppler-utils): skipping the pdfsig checks");

const dir = workDir;
const ca = createDemoCa(new Date(), {
  commonName: "Ban Cơ yếu Chính phủ",
  organizationName: "Cục Chứng thực số và Bảo mật thông tin",
});
const credential = issueAgencyCredential(ca, { code: "000.00.37.H40", name: "Sở Tư pháp tỉnh Ninh Bình" });
const signer = p12Signer(credential);
const caFile = write("ca.pem", ca.certPem);

const meta = {
  reason: "Ban hành 1/2026/KQ-H40",
  name: "Sở Tư pháp tỉnh Ninh Bình",
  location: "Việt Nam",
  signingTime: new Date("2026-03-09T01:00:00Z"),
};

describe("PAdES B-B: signer behind ResultSigner, CMS built by pkijs", async () => {
  const signedPdf = await signPdf(await plainPdf(), signer, meta);

  it("the SignerInfo names the signer by the certificate's own issuer bytes", async () => {
    const cms = readSignedData(parts(signedPdf).cms);
    const [leafDer] = await signer.certificateChain();
    const leaf = asn1js.fromBER(new Uint8Array(leafDer as Uint8Array)).result as asn1js.Sequence;
    const tbs = leaf.valueBlock.value[0] as asn1js.Sequence;
    // TBSCertificate: [0] version, serialNumber, signature, issuer, ...
    const issuerBytes = Buffer.from((tbs.valueBlock.value[3] as asn1js.Sequence).toBER());
    const sid = cms.signerInfo.sid as pkijs.IssuerAndSerialNumber;
    expect(Buffer.from(sid.issuer.toSchema().toBER()).equals(issuerBytes)).toBe(true);
    expect(issuerBytes.includes(Buffer.from("Ban Cơ yếu Chính phủ", "utf8"))).toBe(true);
    expect(cms.signatureValid).toBe(true);
  });

  it("signed attributes are content-type, message-digest and signing-certificate-v2; no signing-time", () => {
    const { signerInfo } = readSignedData(parts(signedPdf).cms);
    const types = signerInfo.signedAttrs?.attributes.map((a) => a.type).sort();
    expect(types).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(signedPdf.toString("latin1")).toContain("/SubFilter /ETSI.CAdES.detached");
    expect(signedPdf.toString("latin1")).toMatch(/\/M \(D:20260309/);
  });

  it("motcua's own check accepts it and reads the time from /M", () => {
    const v = verifyPdf(signedPdf, [ca.certPem]);
    expect(v).toMatchObject({ valid: true, signerOrganisationUnit: "000.00.37.H40" });
    expect(v.signer).toContain("Sở Tư pháp tỉnh Ninh Bình");
    expect(v.signedAt).toBe("2026-03-09T01:00:00.000Z");
    expect(verifyPdf(tampered(signedPdf), [ca.certPem]).valid).toBe(false);
  });

  it("openssl cms -verify accepts it, and rejects a tampered copy", () => {
    const good = opensslVerify(signedPdf, "bb", caFile);
    expect(good.out).toContain("Verification successful");
    expect(good.status).toBe(0);
    const bad = opensslVerify(tampered(signedPdf), "bb-tampered", caFile);
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/digest failure|Verification failure/);
  });

  it.skipIf(!hasPdfsig)("pdfsig says the signature is valid, and invalid for a tampered copy", () => {
    const good = pdfsig(signedPdf, "bb.pdf");
    expect(good.out).toContain("Signature Validation: Signature is Valid.");
    expect(good.out).toContain("ETSI.CAdES.detached");
    const bad = pdfsig(tampered(signedPdf), "bb-tampered.pdf");
    expect(bad.out).not.toContain("Signature is Valid");
    expect(bad.out).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });
});

describe("PAdES B-T: a time-stamp from the TSA stand-in over the signature value", async () => {
  const tsaCa = createDemoCa(new Date(), {
    commonName: "Ban Cơ yếu Chính phủ — TSA",
    organizationName: "Cục Chứng thực số và Bảo mật thông tin",
  });
  writeFileSync(join(dir, "tsa-ca.pem"), tsaCa.certPem);
  const standin = createTsaStandin({
    ca: tsaCa,
    faults: {
      latencyMs: 0,
      jitterMs: 0,
      errorRate: 0,
      lostResponseRate: 0,
      duplicateRate: 0,
      down: false,
      downUntil: null,
    },
  });
  let tsa: TimestampAuthority;
  beforeAll(async () => {
    await standin.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (standin.app.server.address() as { port: number }).port;
    tsa = httpTimestampAuthority(`http://127.0.0.1:${port}/tsa`);
  });
  afterAll(() => standin.app.close());

  const signed = async () => signPdf(await plainPdf(), signer, meta, tsa);

  it("the token is an unsigned attribute that openssl ts -verify accepts over the signature value", async () => {
    const pdf = await signed();
    const { signerInfo } = readSignedData(parts(pdf).cms);
    const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken);
    if (!token) throw new Error("no signature time-stamp");
    const tokenPath = write("token.der", new Uint8Array((token.values[0] as asn1js.Sequence).toBER()));
    const sigPath = write("signature.bin", new Uint8Array(signerInfo.signature.valueBlock.valueHexView));
    const r = run("openssl", [
      "ts",
      "-verify",
      "-token_in",
      "-in",
      tokenPath,
      "-data",
      sigPath,
      "-CAfile",
      join(dir, "tsa-ca.pem"),
    ]);
    expect(r.out).toContain("Verification: OK");
    const other = write("other.bin", Buffer.from("not the signature"));
    expect(
      run("openssl", [
        "ts",
        "-verify",
        "-token_in",
        "-in",
        tokenPath,
        "-data",
        other,
        "-CAfile",
        join(dir, "tsa-ca.pem"),
      ]).out,
    ).toContain("FAILED");
  });

  it("the B-T file still verifies with openssl, pdfsig and motcua, which take the time from the token", async () => {
    const pdf = await signed();
    expect(opensslVerify(pdf, "bt", caFile).status).toBe(0);
    if (hasPdfsig) expect(pdfsig(pdf, "bt.pdf").out).toContain("Signature is Valid");
    const v = verifyPdf(pdf, [ca.certPem]);
    expect(v.valid).toBe(true);
    expect(Math.abs(Date.parse(v.signedAt ?? "") - Date.now())).toBeLessThan(60_000);
  });

  it("without a reachable TSA, signing fails (a 503 for the official) instead of dropping to B-B", async () => {
    const down = httpTimestampAuthority("http://127.0.0.1:9/tsa", 500);
    await expect(signPdf(await plainPdf(), signer, meta, down)).rejects.toBeInstanceOf(TimestampUnavailable);
    const docs = {
      files: null as never,
      publicUrl: "http://localhost",
      signing: { signerFor: () => signer, timestamps: down, trustedCas: () => [ca.certPem] },
    };
    const r = await signResult(docs, await plainPdf(), signer, meta);
    expect(r.ok ? null : [r.error.code, r.error.status]).toEqual(["RESULT_TIMESTAMP_UNAVAILABLE", 503]);
  });
});

describe("results signed before issue 21 (node-forge, re-encoded issuer) still verify in motcua", () => {
  // Made by @signpdf/signer-p12 under a CA named "Ban Cơ yếu Chính phủ": pdfsig says "Unknown
  // Validation Failure" and openssl "signer certificate not found", but the file is intact.
  const fixture = (name: string) => join(import.meta.dirname, "fixtures", name);
  const old = readFileSync(fixture("forge-signed-result.pdf"));
  const oldCa = readFileSync(fixture("forge-signed-result.ca.pem"), "utf8");

  it("the certificate whose key verifies is taken as the signer", () => {
    expect(verifyPdf(old, [oldCa])).toMatchObject({ valid: true, signerOrganisationUnit: "X" });
  });

  it("and a changed byte still fails", () => {
    expect(verifyPdf(tampered(old), [oldCa]).valid).toBe(false);
  });
});
