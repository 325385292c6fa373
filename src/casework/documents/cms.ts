import { createHash, verify as verifySignature, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { ResultSigner } from "./result-signer.ts";

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
} as const;

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());
const der = (o: { toBER(): ArrayBuffer }) => new Uint8Array(o.toBER());
const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** ESS signing-certificate-v2 (RFC 5035): binds the signer's certificate into what is signed. */
function signingCertificateV2(certDer: Uint8Array): pkijs.Attribute {
  // SHA-256 is the default hashAlgorithm, so DER leaves it out; issuerSerial is optional and
  // omitted: the hash identifies the certificate, and a copied name is one more thing to get wrong.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certDer) })] });
  return attribute(
    OID.signingCertificateV2,
    new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }),
  );
}

/**
 * A CMS SignedData (RFC 5652), detached unless `content` is given, signed over its signed
 * attributes by `signer`. PAdES uses it for the PDF's byte range; the TSA stand-in for a TSTInfo.
 */
export async function buildSignedData(o: {
  signer: ResultSigner;
  contentType: string;
  /** SHA-256 of the content. */
  digest: Uint8Array;
  /** Encapsulated content; absent: detached. */
  content?: Uint8Array;
  /** Carry the certificate chain (default); a TSA leaves it out when the request did not ask. */
  withCertificates?: boolean;
  /** Makes the unsigned attributes from the signature value, e.g. a signature time-stamp. */
  unsigned?: (signature: Uint8Array) => Promise<pkijs.Attribute[]>;
}): Promise<Uint8Array> {
  const chain = await o.signer.certificateChain();
  const [signerDer] = chain;
  if (!signerDer) throw new Error("The signer has no certificate");
  const certs = chain.map((c) => pkijs.Certificate.fromBER(new Uint8Array(c)));
  const signerCert = certs[0] as pkijs.Certificate;
  const signed = sortedForDer([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: o.contentType })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: o.digest })),
    signingCertificateV2(signerDer),
  ]);
  const signedAttrsDer = der(new asn1js.Set({ value: signed.map((a) => a.toSchema()) }));
  const signature = await o.signer.signDigest(sha256(signedAttrsDer));
  const unsigned = o.unsigned ? await o.unsigned(signature) : [];
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    // The certificate's own issuer Name, as parsed from its DER (pkijs keeps those bytes): a
    // re-encoded name (node-forge encoded UTF-8 twice) matches no certificate, so no outside
    // validator found the signer.
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: signerCert.issuer,
      serialNumber: signerCert.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signed }),
    signatureAlgorithm: signatureAlgorithmFor(signerCert),
    signature: new asn1js.OctetString({ valueHex: signature }),
    ...(unsigned.length
      ? { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: unsigned }) }
      : {}),
  });
  const signedData = new pkijs.SignedData({
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: o.contentType,
      ...(o.content ? { eContent: new asn1js.OctetString({ valueHex: o.content }) } : {}),
    }),
    ...(o.withCertificates === false ? {} : { certificates: certs }),
    signerInfos: [signerInfo],
  });
  return der(
    new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema(),
  );
}

/** RSA PKCS#1 v1.5 (rsaEncryption, NULL parameters, as RFC 3370 asks) or ECDSA with SHA-256 (RFC 5753, no parameters), by the signer's key. */
function signatureAlgorithmFor(cert: pkijs.Certificate): pkijs.AlgorithmIdentifier {
  const keyAlgorithm = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (keyAlgorithm === OID.ecPublicKey)
    return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  if (keyAlgorithm === OID.rsaEncryption)
    return new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    });
  throw new Error(`Signing with a ${keyAlgorithm} key is not supported (RSA or ECDSA)`);
}

/** IEEE P1363 r||s (a token's CKM_ECDSA, some CSC services) as the DER Ecdsa-Sig-Value CMS carries (RFC 5753). */
export function ecdsaSigValue(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0)
    throw new Error("An ECDSA signature is r||s of equal lengths");
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) =>
    asn1js.Integer.fromBigInt(BigInt(`0x${Buffer.from(bytes).toString("hex")}`));
  return der(new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] }));
}

/** DER orders a SET OF by its members' encodings; OpenSSL re-encodes signed attributes that way. */
function sortedForDer(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  return attrs
    .map((a) => ({ a, bytes: Buffer.from(der(a.toSchema())) }))
    .sort((x, y) => Buffer.compare(x.bytes, y.bytes))
    .map((x) => x.a);
}

/** The signer attribute of a SignedAndUnsignedAttributes, if present. */
export function attributeValue(
  attrs: pkijs.SignedAndUnsignedAttributes | undefined,
  type: string,
): asn1js.AsnType | null {
  return (attrs?.attributes.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined) ?? null;
}

export interface CheckedSignedData {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  /** The certificate the SignerInfo names by issuer and serial number, or (older results) whose key verifies. */
  signerCert: pkijs.Certificate | null;
  /** The messageDigest signed attribute. */
  messageDigest: Uint8Array | null;
  /** Whether the signature over the signed attributes verifies with the signer's public key. */
  signatureValid: boolean;
  certificates: pkijs.Certificate[];
}

/** Reads a CMS ContentInfo holding SignedData and checks its first signer's signature value. */
export function readSignedData(bytes: Uint8Array): CheckedSignedData {
  const info = pkijs.ContentInfo.fromBER(new Uint8Array(bytes));
  if (info.contentType !== OID.signedData) throw new Error("Not a CMS SignedData");
  const signedData = new pkijs.SignedData({ schema: info.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error("No SignerInfo");
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const sid = signerInfo.sid;
  const named =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? (certificates.find(
          (c) =>
            Buffer.from(der(c.issuer.toSchema())).equals(Buffer.from(der(sid.issuer.toSchema()))) &&
            c.serialNumber.isEqual(sid.serialNumber),
        ) ?? null)
      : null;
  const md = attributeValue(signerInfo.signedAttrs, OID.messageDigest);
  const messageDigest = md instanceof asn1js.OctetString ? new Uint8Array(md.valueBlock.valueHexView) : null;
  const verifiesWith = (c: pkijs.Certificate) => signedAttrsVerify(signerInfo, c);
  // Results signed before issue 21 name their signer by an issuer re-encoded by node-forge, which
  // matches no certificate; for them the certificate whose key verifies the signature is the signer.
  const signerCert = named ?? certificates.find(verifiesWith) ?? null;
  const signatureValid = signerCert !== null && verifiesWith(signerCert);
  return { signedData, signerInfo, signerCert, messageDigest, signatureValid, certificates };
}

/** The signature over the signed attributes (sent as [0] IMPLICIT, signed as a SET) verifies with `cert`. */
function signedAttrsVerify(si: pkijs.SignerInfo, cert: pkijs.Certificate): boolean {
  if (!si.signedAttrs) return false;
  const signedAttrs = new Uint8Array(si.signedAttrs.encodedValue.slice(0));
  signedAttrs[0] = 0x31;
  try {
    return verifySignature(
      "sha256",
      signedAttrs,
      new X509Certificate(der(cert.toSchema())).publicKey,
      new Uint8Array(si.signature.valueBlock.valueHexView),
    );
  } catch {
    return false;
  }
}

export const certificateDer = (c: pkijs.Certificate) => der(c.toSchema());
export const sha256Of = sha256;

/** The TSTInfo inside a TimeStampToken. */
export function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: token.content });
  const content = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !content)
    throw new Error("Not a time-stamp token");
  return pkijs.TSTInfo.fromBER(content.getValue());
}
