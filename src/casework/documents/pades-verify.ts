import { createHash, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { attributeValue, certificateDer, OID, readSignedData, sha256Of, tstInfoOf } from "./cms.ts";

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
 * bytes, the signature verifies with the signer's certificate, a time-stamp (if any) is over this
 * signature, and the certificate chains to a trusted CA and was valid at signing time.
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
  const hex = /^<([0-9a-fA-F]+)>$/.exec(text.slice(b, c).trim())?.[1];
  if (!hex) return fail("Chữ ký số không đúng định dạng (Contents).", sha256);
  const signed = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  let cms: ReturnType<typeof readSignedData>;
  try {
    cms = readSignedData(firstDerElement(Buffer.from(hex, "hex")));
  } catch {
    return fail("Không đọc được chữ ký số (CMS).", sha256);
  }
  const cert = cms.signerCert;
  if (!cert) return fail("Chữ ký số không kèm chứng thư của người ký.", sha256);
  const signer = nameField(cert.subject, "2.5.4.3");
  if (!cms.messageDigest) return fail("Chữ ký số thiếu giá trị băm (messageDigest).", sha256, signer);
  if (!Buffer.from(cms.messageDigest).equals(sha256Of(signed)))
    return fail("Nội dung tệp đã bị thay đổi sau khi ký: giá trị băm không khớp.", sha256, signer);
  if (!cms.signatureValid) return fail("Chữ ký số không hợp lệ.", sha256, signer);
  const stamped = timestampTime(cms.signerInfo);
  if (stamped === "invalid") return fail("Dấu thời gian của chữ ký không hợp lệ.", sha256, signer);
  const signingTime =
    stamped ??
    claimedTime(text, b, c) ??
    attributeTime(attributeValue(cms.signerInfo.signedAttrs, OID.signingTime));
  const when = signingTime ?? new Date();
  if (!chainsToTrusted(certificateDer(cert), cms.certificates.map(certificateDer), trustedCaPems, when))
    return fail(
      "Chứng thư của người ký không do tổ chức chứng thực tin cậy cấp, hoặc đã hết hạn khi ký.",
      sha256,
      signer,
    );
  return {
    valid: true,
    reason: null,
    signer,
    signerOrganisationUnit: nameField(cert.subject, "2.5.4.11") || null,
    signedAt: signingTime?.toISOString() ?? null,
    sha256,
  };
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

const nameField = (name: pkijs.RelativeDistinguishedNames, type: string) => {
  const v = name.typesAndValues.find((t) => t.type === type)?.value as { valueBlock?: { value?: unknown } };
  return typeof v?.valueBlock?.value === "string" ? v.valueBlock.value : "";
};

/** The genTime of a signature time-stamp; "invalid" when the token does not hold. */
function timestampTime(si: pkijs.SignerInfo): Date | "invalid" | null {
  const token = attributeValue(si.unsignedAttrs, OID.signatureTimeStampToken);
  if (!token) return null;
  try {
    const tokenDer = new Uint8Array(token.toBER());
    const ts = readSignedData(tokenDer);
    const tst = tstInfoOf(pkijs.ContentInfo.fromBER(tokenDer));
    const content = ts.signedData.encapContentInfo.eContent?.getValue();
    const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
    const ok =
      ts.signatureValid &&
      content &&
      ts.messageDigest &&
      Buffer.from(ts.messageDigest).equals(sha256Of(new Uint8Array(content))) &&
      imprint.equals(sha256Of(new Uint8Array(si.signature.valueBlock.valueHexView)));
    return ok ? tst.genTime : "invalid";
  } catch {
    return "invalid";
  }
}

/** The claimed signing time: /M of the signature dictionary (D:YYYYMMDDHHmmSS+HH'mm'). */
function claimedTime(text: string, contentsStart: number, contentsEnd: number): Date | null {
  const start = text.lastIndexOf(" obj", contentsStart);
  const end = text.indexOf("endobj", contentsEnd);
  const dict = text.slice(start, contentsStart) + text.slice(contentsEnd, end < 0 ? undefined : end);
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([Z+-])(\d{2})?'?(\d{2})?'?)?\)/.exec(
    dict,
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset =
    sign && sign !== "Z" ? (sign === "-" ? -1 : 1) * (Number(oh ?? 0) * 60 + Number(om ?? 0)) : 0;
  const t =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  return Number.isNaN(t) ? null : new Date(t);
}

/** The CMS signing-time of signatures made before PAdES baseline (motcua's earlier signer). */
function attributeTime(v: asn1js.AsnType | null): Date | null {
  return v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime ? v.toDate() : null;
}

/** The certificate chains, through the CMS's certificates, to a trusted CA; each valid at `when`. */
function chainsToTrusted(
  leaf: Uint8Array,
  pool: readonly Uint8Array[],
  trustedCaPems: readonly string[],
  when: Date,
): boolean {
  const validAt = (c: X509Certificate) => when >= new Date(c.validFrom) && when <= new Date(c.validTo);
  const parse = (source: Uint8Array | string) => {
    try {
      return new X509Certificate(source);
    } catch {
      return null;
    }
  };
  const trusted = trustedCaPems.map(parse).filter((c): c is X509Certificate => c !== null);
  const intermediates = pool.map(parse).filter((c): c is X509Certificate => c?.ca === true);
  const issuedBy = (child: X509Certificate, parent: X509Certificate) =>
    child.checkIssued(parent) && child.verify(parent.publicKey) && validAt(parent);
  let current = parse(leaf);
  if (!current || !validAt(current)) return false;
  for (let depth = 0; depth < 5 && current; depth++) {
    const child: X509Certificate = current;
    if (trusted.some((ca) => issuedBy(child, ca))) return true;
    current =
      intermediates.find((ca) => ca.fingerprint256 !== child.fingerprint256 && issuedBy(child, ca)) ?? null;
  }
  return false;
}
