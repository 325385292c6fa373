import { createPrivateKey, sign, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

// node-forge makes no CRLs: pkijs builds the TBSCertList, node:crypto signs it (RSA or ECDSA).

const SHA256_WITH = { rsa: "1.2.840.113549.1.1.11", ec: "1.2.840.10045.4.3.2" } as const;
const CRL_NUMBER = "2.5.29.20";

/**
 * A CRL (RFC 5280 5, v2, DER) from the demo CA: the given serials (hex) revoked at `now`,
 * thisUpdate `now`, nextUpdate `days` later, a CRL number from the time so a newer one is larger.
 */
export function issueCrl(
  ca: { certPem: string; keyPem: string },
  revokedSerials: string[],
  now = new Date(),
  days = 7,
): Uint8Array<ArrayBuffer> {
  const caCert = pkijs.Certificate.fromBER(new Uint8Array(new X509Certificate(ca.certPem).raw));
  const key = createPrivateKey(ca.keyPem);
  const kind = key.asymmetricKeyType === "ec" ? "ec" : "rsa";
  const algorithm = new pkijs.AlgorithmIdentifier({
    algorithmId: SHA256_WITH[kind],
    ...(kind === "rsa" ? { algorithmParams: new asn1js.Null() } : {}),
  });
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: algorithm,
    // The CA's subject as parsed keeps its own bytes, so the issuer matches the certificate's.
    issuer: caCert.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: now }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date(now.getTime() + days * 86_400_000) }),
    ...(revokedSerials.length > 0
      ? {
          revokedCertificates: revokedSerials.map(
            (serial) =>
              new pkijs.RevokedCertificate({
                userCertificate: serialInteger(serial),
                revocationDate: new pkijs.Time({ type: 0, value: now }),
              }),
          ),
        }
      : {}),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        new pkijs.Extension({
          extnID: CRL_NUMBER,
          extnValue: new asn1js.Integer({ value: Math.floor(now.getTime() / 1000) }).toBER(),
        }),
      ],
    }),
  });
  // encodeTBS is protected in pkijs' types; sign() would want a WebCrypto key instead.
  const tbs = new Uint8Array((crl as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER());
  crl.tbsView = tbs;
  crl.signatureAlgorithm = algorithm;
  crl.signatureValue = new asn1js.BitString({ valueHex: sign("sha256", tbs, key) });
  return new Uint8Array(crl.toSchema().toBER());
}

/** A positive INTEGER from a hex serial as certificates print it. */
function serialInteger(hex: string): asn1js.Integer {
  const even = hex.length % 2 ? `0${hex}` : hex;
  return new asn1js.Integer({ valueHex: Buffer.from(/^[89a-f]/i.test(even) ? `00${even}` : even, "hex") });
}
