import { createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

// Certificates for signing results. `motcua pki demo` makes a demo CA and one certificate per
// agency, marked NOT FOR PRODUCTION in their names; production loads the province's real ones.

export interface AgencyCredential {
  agencyCode: string;
  /** PKCS#12 with the agency's key and certificate chain. */
  p12: Buffer;
  passphrase: string;
  certPem: string;
}

const DEMO_MARK = "KHÔNG DÙNG CHO SẢN XUẤT (demo)";

/** A subject field as UTF8String, so Vietnamese names survive. */
const field = (name: string, value: string): forge.pki.CertificateField => ({
  name,
  value, // forge encodes UTF8String values itself
  valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
});

function keyPair() {
  // Node's generator (native) instead of forge's: a 2048-bit key in milliseconds, not seconds.
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
  };
}

function certificate(o: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  /** A key forge holds, or a SubjectPublicKeyInfo (DER) to certify as it is, e.g. a token's EC key. */
  publicKey: forge.pki.PublicKey | Uint8Array;
  signWith: forge.pki.PrivateKey;
  role: "ca" | "signer" | "tsa";
  years: number;
  now: Date;
}) {
  const cert = forge.pki.createCertificate();
  const spki = o.publicKey instanceof Uint8Array ? o.publicKey : null;
  // forge holds RSA keys only: for a SubjectPublicKeyInfo the issuer's key stands in while forge
  // builds the TBSCertificate, whose key field is then replaced by the SPKI bytes before signing.
  cert.publicKey = spki ? issuerPublicKey(o.signWith) : (o.publicKey as forge.pki.PublicKey);
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  // Demo certificates reach back to 2020, so synthetic history and tests with a set clock verify.
  cert.validity.notBefore = new Date(
    Math.min(o.now.getTime() - 86_400_000, Date.parse("2020-01-01T00:00:00Z")),
  );
  cert.validity.notAfter = new Date(o.now.getTime() + o.years * 365 * 86_400_000);
  cert.setSubject(o.subject);
  cert.setIssuer(o.issuer);
  cert.setExtensions(
    {
      ca: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true },
      ],
      signer: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
      ],
      // RFC 3161 2.3: a TSA's certificate has the sole, critical extended key usage timeStamping.
      tsa: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
        { name: "extKeyUsage", timeStamping: true, critical: true },
      ],
    }[o.role],
  );
  if (!spki) {
    cert.sign(o.signWith as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return cert;
  }
  // What cert.sign does, with the SPKI in place: forge serialises the cached TBSCertificate.
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption as string;
  cert.siginfo.algorithmOid = cert.signatureOid;
  const tbs = (
    forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  // TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, ...
  (tbs.value as forge.asn1.Asn1[])[6] = forge.asn1.fromDer(Buffer.from(spki).toString("binary"));
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(tbs).getBytes());
  (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  cert.signature = (o.signWith as forge.pki.rsa.PrivateKey).sign(md);
  return cert;
}

const issuerPublicKey = (key: forge.pki.PrivateKey) => {
  const rsa = key as forge.pki.rsa.PrivateKey;
  return forge.pki.setRsaPublicKey(rsa.n, rsa.e);
};

/**
 * The CA's subject as the issuer of what it signs. forge keeps a parsed UTF8String as its UTF-8
 * bytes and would encode them again, so the values are decoded to text first.
 */
const issuerOf = (ca: forge.pki.Certificate): forge.pki.CertificateField[] =>
  ca.subject.attributes.map((a) => ({
    type: a.type,
    value: forge.util.decodeUtf8(String(a.value)),
    valueTagClass: a.valueTagClass,
  }));

/** A demo CA; its names may be Vietnamese (a real CA's are: "Ban Cơ yếu Chính phủ"). */
export function createDemoCa(
  now = new Date(),
  name = { commonName: `motcua Demo CA — ${DEMO_MARK}`, organizationName: "motcua" },
) {
  const keys = keyPair();
  const subject = [
    field("commonName", name.commonName),
    field("organizationName", name.organizationName),
    field("countryName", "VN"),
  ];
  const cert = certificate({
    subject,
    issuer: subject,
    publicKey: keys.publicKey,
    signWith: keys.privateKey,
    role: "ca",
    years: 10,
    now,
  });
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

/** An agency's signing certificate under the given CA, packed as PKCS#12. */
export function issueAgencyCredential(
  ca: { certPem: string; keyPem: string },
  agency: { code: string; name: string },
  now = new Date(),
): AgencyCredential {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const keys = keyPair();
  const cert = signerCertificate(ca, agency, keys.publicKey, now);
  const passphrase = randomBytes(12).toString("base64url");
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, caCert], passphrase, { algorithm: "3des" });
  return {
    agencyCode: agency.code,
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary"),
    passphrase,
    certPem: forge.pki.certificateToPem(cert),
  };
}

/**
 * An agency's signing certificate for a key held elsewhere (a CSC service's; a PKCS#11 token's,
 * generated on it and never let out): its public key as PEM or SubjectPublicKeyInfo DER, RSA or EC.
 */
export function issueSignerCertificate(
  ca: { certPem: string; keyPem: string },
  agency: { code: string; name: string },
  publicKey: string | Uint8Array,
  now = new Date(),
): string {
  // Parsed and re-exported as DER: a malformed key fails here, not in a validator months later.
  const spki = (
    typeof publicKey === "string"
      ? createPublicKey(publicKey)
      : createPublicKey({ key: Buffer.from(publicKey), format: "der", type: "spki" })
  ).export({ type: "spki", format: "der" });
  return forge.pki.certificateToPem(signerCertificate(ca, agency, new Uint8Array(spki), now));
}

function signerCertificate(
  ca: { certPem: string; keyPem: string },
  agency: { code: string; name: string },
  publicKey: forge.pki.PublicKey | Uint8Array,
  now: Date,
) {
  return certificate({
    subject: [
      field("commonName", `${agency.name} — ${DEMO_MARK}`),
      field("organizationalUnitName", agency.code),
      field("countryName", "VN"),
    ],
    issuer: issuerOf(forge.pki.certificateFromPem(ca.certPem)),
    publicKey,
    signWith: forge.pki.privateKeyFromPem(ca.keyPem),
    role: "signer",
    years: 3,
    now,
  });
}

/** A time-stamping authority's key and certificate under the given CA (the TSA stand-in's). */
export function issueTsaCertificate(ca: { certPem: string; keyPem: string }, name: string, now = new Date()) {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const keys = keyPair();
  const cert = certificate({
    subject: [field("commonName", `${name} — ${DEMO_MARK}`), field("countryName", "VN")],
    issuer: issuerOf(caCert),
    publicKey: keys.publicKey,
    signWith: forge.pki.privateKeyFromPem(ca.keyPem),
    role: "tsa",
    years: 5,
    now,
  });
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}
