import {
  constants,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  privateEncrypt,
  X509Certificate,
} from "node:crypto";
import forge from "node-forge";
import type { ResultSigner } from "./result-signer.ts";

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017, 9.2 note 1): PKCS#1 v1.5 signs this + digest. */
export const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

const KEY_BAG = "1.2.840.113549.1.12.10.1.1";
const PKCS8_SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG = "1.2.840.113549.1.12.10.1.3";

/** Signs with a key in memory. Demo and tests only: production keys stay in a token or a CSC service. */
export function softwareSigner(key: KeyObject, chain: Uint8Array[]): ResultSigner {
  return {
    certificateChain: async () => chain,
    signDigest: async (sha256) => {
      if (sha256.length !== 32) throw new Error("A SHA-256 digest is 32 bytes");
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, sha256]);
      return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
    },
  };
}

/**
 * The key and certificates of a PKCS#12 file (demo and tests only). node-forge reads it because
 * it knows the legacy PBE ciphers CAs still export with; the certificates are serialised from the
 * parsed TBSCertificate forge keeps, so their bytes are the CA's, not forge's re-encoding.
 */
export function p12Signer(credential: { p12: Buffer; passphrase: string }): ResultSigner {
  const p12 = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(credential.p12.toString("binary")),
    credential.passphrase,
  );
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = bags(PKCS8_SHROUDED_KEY_BAG)[0] ?? bags(KEY_BAG)[0];
  if (!keyBag?.key) throw new Error("The PKCS#12 holds no private key");
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const certs = bags(CERT_BAG)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => Boolean(c))
    .map(
      (c) =>
        new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), "binary")),
    );
  const ownSpki = createPublicKey(key).export({ type: "spki", format: "der" });
  const own = certs.findIndex((der) => spkiOf(der).equals(ownSpki));
  if (own < 0) throw new Error("The PKCS#12 holds no certificate for its key");
  return softwareSigner(key, [certs[own] as Uint8Array, ...certs.filter((_, i) => i !== own)]);
}

const spkiOf = (der: Uint8Array) =>
  new X509Certificate(der).publicKey.export({ type: "spki", format: "der" });
