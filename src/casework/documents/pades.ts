import { createHash } from "node:crypto";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { P12Signer } from "@signpdf/signer-p12";
import { SignPdf } from "@signpdf/signpdf";
import { SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import forge from "node-forge";

/** Signs a PDF (PAdES: ETSI.CAdES.detached) with an agency's PKCS#12. */
export async function signPdf(
  pdf: Buffer,
  credential: { p12: Buffer; passphrase: string },
  meta: { reason: string; name: string; location: string; signingTime: Date },
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    contactInfo: "",
    name: meta.name,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 8192,
    appName: "motcua",
  });
  return new SignPdf().sign(
    withPlaceholder,
    new P12Signer(credential.p12, { passphrase: credential.passphrase }),
    meta.signingTime,
  );
}

export interface Verification {
  valid: boolean;
  /** Why not, in Vietnamese. */
  reason: string | null;
  signer: string | null;
  signerOrganisationUnit: string | null;
  signedAt: string | null;
  sha256: string;
}

const fail = (reason: string, sha256: string, signer: string | null = null): Verification => ({
  valid: false,
  reason,
  signer,
  signerOrganisationUnit: null,
  signedAt: null,
  sha256,
});

/**
 * Checks the last signature of a PDF: it covers the whole file, the digest matches the signed
 * bytes, the signature verifies with the signer's certificate, and that certificate was issued by
 * one of the trusted CAs and was valid at signing time.
 */
export function verifyPdf(bytes: Buffer, trustedCaPems: readonly string[]): Verification {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("latin1");
  const at = text.lastIndexOf("/ByteRange");
  if (at < 0) return fail("Tệp không có chữ ký số.", sha256);
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 200));
  if (!m) return fail("Chữ ký số không đúng định dạng (ByteRange).", sha256);
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== bytes.length)
    return fail("Chữ ký không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký.", sha256);
  const contents = text.slice(b, c);
  const hex = /^<([0-9a-fA-F]+)>$/.exec(contents.trim())?.[1];
  if (!hex) return fail("Chữ ký số không đúng định dạng (Contents).", sha256);
  const signed = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  let msg: forge.pkcs7.PkcsSignedData & { rawCapture?: Record<string, unknown> };
  try {
    const der = Buffer.from(hex.replace(/(00)+$/, ""), "hex");
    msg = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(der.toString("binary"), false)) as typeof msg;
  } catch {
    return fail("Không đọc được chữ ký số (PKCS#7).", sha256);
  }
  const cert = msg.certificates[0];
  if (!cert) return fail("Chữ ký số không kèm chứng thư.", sha256);
  const name = (f: string) => forge.util.decodeUtf8(String(cert.subject.getField(f)?.value ?? ""));
  const signer = name("CN");
  const raw = msg.rawCapture as
    | { authenticatedAttributes?: forge.asn1.Asn1[]; signature?: string }
    | undefined;
  const attrs = raw?.authenticatedAttributes ?? [];
  let digest: string | null = null;
  let signingTime: string | null = null;
  for (const attr of attrs) {
    const seq = attr.value as forge.asn1.Asn1[];
    const oid = forge.asn1.derToOid((seq[0] as forge.asn1.Asn1).value as string);
    const value = ((seq[1] as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
    if (oid === forge.pki.oids.messageDigest)
      digest = Buffer.from(value.value as string, "binary").toString("hex");
    if (oid === forge.pki.oids.signingTime)
      signingTime = forge.asn1.utcTimeToDate(value.value as string).toISOString();
  }
  if (!digest) return fail("Chữ ký số thiếu giá trị băm (messageDigest).", sha256, signer);
  if (createHash("sha256").update(signed).digest("hex") !== digest) {
    return fail("Nội dung tệp đã bị thay đổi sau khi ký: giá trị băm không khớp.", sha256, signer);
  }
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(set).getBytes());
  try {
    if (!(cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), raw?.signature ?? "")) {
      return fail("Chữ ký số không hợp lệ.", sha256, signer);
    }
  } catch {
    return fail("Chữ ký số không hợp lệ.", sha256, signer);
  }
  const when = signingTime ? new Date(signingTime) : new Date();
  const trusted = trustedCaPems.some((pem) => {
    try {
      const ca = forge.pki.certificateFromPem(pem);
      return ca.verify(cert) && when >= cert.validity.notBefore && when <= cert.validity.notAfter;
    } catch {
      return false;
    }
  });
  if (!trusted)
    return fail(
      "Chứng thư của người ký không do tổ chức chứng thực tin cậy cấp, hoặc đã hết hạn khi ký.",
      sha256,
      signer,
    );
  return {
    valid: true,
    reason: null,
    signer,
    signerOrganisationUnit: name("OU") || null,
    signedAt: signingTime,
    sha256,
  };
}
