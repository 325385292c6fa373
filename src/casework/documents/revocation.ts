import { createHash, verify, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** What CRLs and OCSP responses say about one certificate at one signing time. */
export interface Revocation {
  status: "good" | "revoked" | "unknown";
  source: "crl" | "ocsp" | null;
  /** thisUpdate of the CRL or producedAt of the OCSP response used. */
  checkedAt: Date | null;
  revokedAt: Date | null;
  /** From the document's DSS (counts towards B-LT), or from outside it. */
  fromDss: boolean;
}

export interface RevocationSources {
  dssCrls: readonly Uint8Array[];
  dssOcsps: readonly Uint8Array[];
  /** CRLs known outside the PDF (the PKI folder's crls/). */
  localCrls: readonly Uint8Array[];
}

const HASHES: Record<string, string> = {
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
const OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1";
const OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

const serialHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex").replace(/^0+/, "").toUpperCase();
const signedBy = (alg: string, tbs: Uint8Array, sig: Uint8Array, key: X509Certificate) => {
  const hash = HASHES[alg];
  try {
    return hash !== undefined && verify(hash, tbs, key.publicKey, sig);
  } catch {
    return false;
  }
};

/** DER, or the base64 inside PEM armour. */
export function derOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const text = Buffer.from(bytes).toString("latin1");
  const pem = /-----BEGIN [^-]+-----([\s\S]+?)-----END/.exec(text)?.[1];
  return new Uint8Array(pem ? Buffer.from(pem.replace(/\s+/g, ""), "base64") : bytes);
}

type Finding = Omit<Revocation, "fromDss">;

/** A CRL's word on `cert`, when the CRL is the issuer's, signed by it and not from the future. */
function fromCrl(bytes: Uint8Array, cert: X509Certificate, issuer: X509Certificate, at: Date, now: Date) {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(derOf(bytes));
  } catch {
    return null;
  }
  const leafIssuer = pkijs.Certificate.fromBER(new Uint8Array(cert.raw)).issuer;
  if (!crl.issuer.isEqual(leafIssuer)) return null;
  const sig = new Uint8Array(crl.signatureValue.valueBlock.valueHexView);
  if (!signedBy(crl.signatureAlgorithm.algorithmId, crl.tbsView, sig, issuer)) return null;
  const thisUpdate = crl.thisUpdate.value;
  if (thisUpdate.getTime() > now.getTime() + 300_000) return null;
  const serial = serialHex(Buffer.from(cert.serialNumber, "hex"));
  const entry = crl.revokedCertificates?.find(
    (r) => serialHex(r.userCertificate.valueBlock.valueHexView) === serial,
  );
  if (entry)
    return { status: "revoked", source: "crl", checkedAt: thisUpdate, revokedAt: entry.revocationDate.value };
  // "good" only when the CRL speaks for the signing time: still current then, or issued after.
  const covers = (crl.nextUpdate?.value ?? thisUpdate).getTime() >= at.getTime();
  return covers ? { status: "good", source: "crl", checkedAt: thisUpdate, revokedAt: null } : null;
}

/** An OCSP response's word on `cert`, signed by the issuer or a responder it delegated to. */
function fromOcsp(bytes: Uint8Array, cert: X509Certificate, issuer: X509Certificate, at: Date, now: Date) {
  let basic: pkijs.BasicOCSPResponse;
  try {
    const response = pkijs.OCSPResponse.fromBER(derOf(bytes));
    if (response.responseStatus.valueBlock.valueDec !== 0) return null;
    if (response.responseBytes?.responseType !== OCSP_BASIC) return null;
    basic = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(response.responseBytes.response.valueBlock.valueHexView),
    );
  } catch {
    return null;
  }
  const tbs = basic.tbsResponseData.tbsView;
  const sig = new Uint8Array(basic.signature.valueBlock.valueHexView);
  const alg = basic.signatureAlgorithm.algorithmId;
  const delegated = (basic.certs ?? [])
    .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER())))
    .filter((r) => r.checkIssued(issuer) && r.verify(issuer.publicKey) && r.keyUsage?.includes(OCSP_SIGNING));
  if (![issuer, ...delegated].some((k) => signedBy(alg, tbs, sig, k))) return null;
  const issuerName = pkijs.Certificate.fromBER(new Uint8Array(issuer.raw)).subject.toSchema().toBER();
  const serial = serialHex(Buffer.from(cert.serialNumber, "hex"));
  const single = basic.tbsResponseData.responses.find((r) => {
    const hash = HASHES[r.certID.hashAlgorithm.algorithmId];
    const nameHash = hash ? createHash(hash).update(new Uint8Array(issuerName)).digest() : null;
    return (
      serialHex(r.certID.serialNumber.valueBlock.valueHexView) === serial &&
      nameHash?.equals(Buffer.from(r.certID.issuerNameHash.valueBlock.valueHexView))
    );
  });
  if (!single || single.thisUpdate.getTime() > now.getTime() + 300_000) return null;
  const producedAt = basic.tbsResponseData.producedAt;
  const status = single.certStatus as asn1js.Constructed | asn1js.Primitive;
  if (status.idBlock.tagNumber === 1) {
    const time = (status as asn1js.Constructed).valueBlock.value?.[0];
    const revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate() : producedAt;
    return { status: "revoked", source: "ocsp", checkedAt: producedAt, revokedAt };
  }
  const covers = (single.nextUpdate ?? producedAt).getTime() >= at.getTime();
  return status.idBlock.tagNumber === 0 && covers
    ? { status: "good", source: "ocsp", checkedAt: producedAt, revokedAt: null }
    : null;
}

/**
 * The certificate's status at `at` from every source that speaks for it: any "revoked" wins,
 * then "good" (the DSS's first), else "unknown".
 */
export function revocationOf(
  cert: X509Certificate,
  issuer: X509Certificate | null,
  sources: RevocationSources,
  at: Date,
  now = new Date(),
): Revocation {
  if (!issuer) return { status: "unknown", source: null, checkedAt: null, revokedAt: null, fromDss: false };
  const tag = (fromDss: boolean) => (f: Finding | null) => (f ? { ...f, fromDss } : null);
  const findings = [
    ...sources.dssOcsps.map((b) => tag(true)(fromOcsp(b, cert, issuer, at, now) as Finding | null)),
    ...sources.dssCrls.map((b) => tag(true)(fromCrl(b, cert, issuer, at, now) as Finding | null)),
    ...sources.localCrls.map((b) => tag(false)(fromCrl(b, cert, issuer, at, now) as Finding | null)),
  ].filter((f): f is Revocation => f !== null);
  return (
    findings.find((f) => f.status === "revoked") ??
    findings.find((f) => f.status === "good") ?? {
      status: "unknown",
      source: null,
      checkedAt: null,
      revokedAt: null,
      fromDss: false,
    }
  );
}
