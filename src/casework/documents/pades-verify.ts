import { createHash, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { attributeValue, certificateDer, OID, readSignedData, sha256Of, tstInfoOf } from "./cms.ts";
import { appendedOnlyDss, type Dss, type PdfSignature, pdfDss, pdfSignatures } from "./pdf-signatures.ts";
import { revocationOf } from "./revocation.ts";
import { buildChain, commonName, emptyTrustList, type TrustList } from "./trust.ts";
import type { SignatureReport, Verification, VerificationReport } from "./verify-report.schemas.ts";

export type { Verification, VerificationReport } from "./verify-report.schemas.ts";

const DEMO_REASON = "Chứng thư do CA thử nghiệm (demo) cấp, không có giá trị pháp lý";
const NOT_COVERED = "Chữ ký không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký.";
const day = (d: Date) => d.toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

/**
 * Every signature of a PDF, in the order made, judged as an outside validator would: intact,
 * time (a valid time-stamp, else the claimed /M), chain to the trust list, revocation (DSS and
 * local CRLs, DSS OCSP), baseline level. The file is valid when every signature is and the last
 * covers the whole file, or only a DSS was appended after it.
 */
export function verifyPdfReport(bytes: Buffer, trust: TrustList, now = new Date()): VerificationReport {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const found = pdfSignatures(bytes);
  const dss = pdfDss(bytes);
  const checked = found.map((s, i) => signatureReport(s, i, bytes.length, trust, dss, now));
  const last = checked.at(-1);
  const lastFound = found.at(-1);
  const tailOk =
    !!last && !!lastFound && (last.report.coversWholeFile || appendedOnlyDss(bytes, lastFound.byteRange));
  if (last && !tailOk) {
    last.problems.push(NOT_COVERED);
    last.report.valid = false;
  }
  const signatures = checked.map((c) => ({ ...c.report, reasons: [...c.problems, ...c.notes] }));
  const valid = tailOk && signatures.every((s) => s.valid);
  return { sha256, signatures, valid, summary: summaryOf(signatures, valid) };
}

/** The last signature's verdict, as callers before the report read it. */
export function verifyPdf(bytes: Buffer, trusted: readonly string[] | TrustList): Verification {
  const trust = Array.isArray(trusted)
    ? { ...emptyTrustList, anchors: trusted as readonly string[] }
    : (trusted as TrustList);
  return verdictOf(verifyPdfReport(bytes, trust));
}

export function verdictOf(r: VerificationReport): Verification {
  const last = r.signatures.at(-1);
  return {
    valid: r.valid,
    reason: r.valid
      ? null
      : (r.signatures.find((s) => !s.valid)?.reasons[0] ?? last?.reasons[0] ?? r.summary),
    signer: last?.signer.commonName ?? null,
    signerOrganisationUnit: last?.signer.organisationUnit ?? null,
    signedAt: last?.signingTime.timestamp ?? last?.signingTime.claimed ?? null,
    sha256: r.sha256,
  };
}

function summaryOf(signatures: SignatureReport[], valid: boolean): string {
  if (signatures.length === 0) return "Tệp không có chữ ký số.";
  const n = signatures.length;
  if (valid) {
    const demo = signatures.some((s) => s.chain.status === "demo") ? " (chứng thư thử nghiệm, demo)" : "";
    return `Tệp có ${n} chữ ký số, tất cả hợp lệ${demo}; nội dung chưa bị thay đổi sau khi ký.`;
  }
  const bad = signatures.filter((s) => !s.valid).length;
  return bad
    ? `Tệp có ${n} chữ ký số, ${bad} chữ ký KHÔNG hợp lệ.`
    : `Tệp có ${n} chữ ký số nhưng KHÔNG hợp lệ: ${NOT_COVERED}`;
}

const nameField = (name: pkijs.RelativeDistinguishedNames, type: string) => {
  const v = name.typesAndValues.find((t) => t.type === type)?.value as { valueBlock?: { value?: unknown } };
  return typeof v?.valueBlock?.value === "string" ? v.valueBlock.value : null;
};

function blank(sig: PdfSignature, index: number, fileLength: number): SignatureReport {
  const [a, , c, d] = sig.byteRange;
  return {
    index,
    fieldName: sig.fieldName,
    signer: { commonName: null, organisation: null, organisationUnit: null },
    issuer: null,
    serialNumber: null,
    integrity: "altered",
    coversWholeFile: a === 0 && c + d === fileLength,
    signingTime: { claimed: sig.claimedTime?.toISOString() ?? null, timestamp: null, source: null },
    timestamp: { present: false, valid: false, trusted: false, authority: null, time: null },
    chain: { status: "untrusted", path: [], trustAnchor: null },
    revocation: { status: "unknown", source: null, checkedAt: null, revokedAt: null },
    level: "B-B",
    valid: false,
    reasons: [],
  };
}

interface Checked {
  report: SignatureReport;
  /** Why it is not valid. */
  problems: string[];
  /** What a reader should know, valid or not. */
  notes: string[];
}

function signatureReport(
  sig: PdfSignature,
  index: number,
  fileLength: number,
  trust: TrustList,
  dss: Dss | null,
  now: Date,
): Checked {
  const report = blank(sig, index, fileLength);
  const out: Checked = { report, problems: [], notes: [] };
  const fail = (reason: string) => {
    out.problems.push(reason);
    return out;
  };
  if (!sig.cms) return fail("Chữ ký số không đúng định dạng (Contents).");
  let cms: ReturnType<typeof readSignedData>;
  try {
    cms = readSignedData(sig.cms);
  } catch {
    return fail("Không đọc được chữ ký số (CMS).");
  }
  const cert = cms.signerCert;
  if (!cert) return fail("Chữ ký số không kèm chứng thư của người ký.");
  const leaf = new X509Certificate(certificateDer(cert));
  report.signer = {
    commonName: nameField(cert.subject, "2.5.4.3"),
    organisation: nameField(cert.subject, "2.5.4.10"),
    organisationUnit: nameField(cert.subject, "2.5.4.11"),
  };
  report.issuer = nameField(cert.issuer, "2.5.4.3");
  report.serialNumber = leaf.serialNumber;

  // Integrity: the digest of the covered bytes, and the signature over the signed attributes.
  const digestOk = !!cms.messageDigest && Buffer.from(cms.messageDigest).equals(sha256Of(sig.signedBytes));
  if (sig.byteRange[0] !== 0) out.problems.push("Chữ ký số không đúng định dạng (ByteRange).");
  if (!cms.messageDigest) out.problems.push("Chữ ký số thiếu giá trị băm (messageDigest).");
  else if (!digestOk) out.problems.push("Nội dung tệp đã bị thay đổi sau khi ký: giá trị băm không khớp.");
  if (!cms.signatureValid) out.problems.push("Chữ ký số không hợp lệ.");
  report.integrity = digestOk && cms.signatureValid && sig.byteRange[0] === 0 ? "intact" : "altered";

  // Time: a valid time-stamp proves it; /M (or an older CMS signing-time) is only claimed.
  const pool = [...cms.certificates.map(certificateDer), ...(dss?.certs ?? [])];
  const ts = timestampOf(cms.signerInfo, pool, trust);
  report.timestamp = {
    present: ts !== null,
    valid: ts?.valid ?? false,
    trusted: ts?.trusted ?? false,
    authority: ts?.authority ?? null,
    time: ts?.time?.toISOString() ?? null,
  };
  if (ts && !ts.valid) out.problems.push("Dấu thời gian của chữ ký không hợp lệ.");
  if (ts?.valid && !ts.trusted)
    out.notes.push("Dấu thời gian do một đơn vị cấp dấu thời gian ngoài danh sách tin cậy cấp.");
  const claimed =
    sig.claimedTime ?? attributeTime(attributeValue(cms.signerInfo.signedAttrs, OID.signingTime));
  const proven = ts?.valid ? ts.time : null;
  report.signingTime = {
    claimed: claimed?.toISOString() ?? null,
    timestamp: proven?.toISOString() ?? null,
    source: proven ? "timestamp" : claimed ? "claimed" : null,
  };
  const when = proven ?? claimed ?? now;

  // Chain: to an anchor, valid at the signing time; without a time-stamp, also today (no proof
  // that the claimed time is true).
  const chain = buildChain(leaf, pool, trust, when);
  const expiredToday = !proven && chain.anchor && now > new Date(leaf.validTo);
  const status = expiredToday ? "expired" : chain.status;
  report.chain = {
    status,
    path: chain.path.map((c) => commonName(c) ?? c.subject),
    trustAnchor: commonName(chain.anchor),
  };
  if (status === "untrusted")
    out.problems.push("Chứng thư của người ký không do tổ chức chứng thực tin cậy cấp.");
  if (status === "expired")
    out.problems.push(
      proven || !expiredToday
        ? "Chứng thư của người ký đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký."
        : "Chứng thư của người ký đã hết hạn; chữ ký không có dấu thời gian chứng minh được tạo khi chứng thư còn hiệu lực.",
    );
  if (status === "demo") (trust.demoMode ? out.notes : out.problems).push(DEMO_REASON);

  // Revocation: of the signer's certificate, by its issuer's CRLs and OCSP responses.
  const revocation = revocationOf(
    leaf,
    chain.path[1] ?? null,
    { dssCrls: dss?.crls ?? [], dssOcsps: dss?.ocsps ?? [], localCrls: trust.crls },
    when,
    now,
  );
  report.revocation = {
    status: revocation.status,
    source: revocation.source,
    checkedAt: revocation.checkedAt?.toISOString() ?? null,
    revokedAt: revocation.revokedAt?.toISOString() ?? null,
  };
  const revokedAt = revocation.revokedAt;
  if (revocation.status === "revoked" && revokedAt) {
    if (!proven)
      out.problems.push(
        `Chứng thư của người ký đã bị thu hồi ngày ${day(revokedAt)}; chữ ký không có dấu thời gian chứng minh được tạo trước đó.`,
      );
    else if (revokedAt <= proven)
      out.problems.push(`Chứng thư của người ký đã bị thu hồi ngày ${day(revokedAt)}, trước thời điểm ký.`);
    else
      out.notes.push(
        `Chứng thư của người ký bị thu hồi ngày ${day(revokedAt)}, sau thời điểm ký: chữ ký vẫn có giá trị.`,
      );
  }
  if (revocation.status === "unknown")
    out.notes.push("Không có thông tin thu hồi (CRL, OCSP) cho chứng thư của người ký.");

  report.level =
    proven && dss && dss.certs.length > 0 && revocation.fromDss ? "B-LT" : proven ? "B-T" : "B-B";
  report.valid = out.problems.length === 0;
  return out;
}

interface Timestamp {
  valid: boolean;
  trusted: boolean;
  authority: string | null;
  time: Date | null;
}

/** The signature time-stamp token, if any: intact, over this signature value, and whose TSA. */
function timestampOf(si: pkijs.SignerInfo, pool: readonly Uint8Array[], trust: TrustList): Timestamp | null {
  const token = attributeValue(si.unsignedAttrs, OID.signatureTimeStampToken);
  if (!token) return null;
  try {
    const tokenDer = new Uint8Array(token.toBER());
    const ts = readSignedData(tokenDer);
    const tst = tstInfoOf(pkijs.ContentInfo.fromBER(tokenDer));
    const content = ts.signedData.encapContentInfo.eContent?.getValue();
    const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
    const valid =
      ts.signatureValid &&
      !!content &&
      !!ts.messageDigest &&
      Buffer.from(ts.messageDigest).equals(sha256Of(new Uint8Array(content))) &&
      imprint.equals(sha256Of(new Uint8Array(si.signature.valueBlock.valueHexView)));
    const tsa = ts.signerCert ? new X509Certificate(certificateDer(ts.signerCert)) : null;
    const chain = tsa
      ? buildChain(tsa, [...ts.certificates.map(certificateDer), ...pool], trust, tst.genTime)
      : null;
    const trusted = chain?.status === "trusted" || (chain?.status === "demo" && trust.demoMode);
    return { valid, trusted, authority: commonName(tsa), time: tst.genTime };
  } catch {
    return { valid: false, trusted: false, authority: null, time: null };
  }
}

/** The CMS signing-time of signatures made before PAdES baseline (motcua's earlier signer). */
function attributeTime(v: asn1js.AsnType | null): Date | null {
  return v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime ? v.toDate() : null;
}
