import { execFileSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { createRequire } from "node:module";
import * as pkijs from "pkijs";
import { issueSignerCertificate } from "../../src/casework/documents/pki.ts";

// A SoftHSM2 token set up the way a CA enrols an official's USB token: a fresh token, key pairs
// generated ON it (private keys sensitive, never extractable), their public keys certified by the
// CA, the certificates written next to the keys with the same CKA_ID, and the CA's certificate.
// Run as its own process (`node --import tsx softhsm-token.ts '<spec as JSON>'`, SOFTHSM2_CONF in
// its environment): in the test's process the module belongs to the signer under test, and
// SoftHSM sees a token made elsewhere only once initialised again.

export interface TokenSpec {
  module: string;
  label: string;
  soPin: string;
  pin: string;
  ca: { certPem: string; keyPem: string };
  keys: { label: string; id: string; type: "rsa" | "ec"; agency: { code: string; name: string } }[];
  /** More certificates to store (PEM), each with its own CKA_ID: the CA's, another CA's, a decoy. */
  extraCerts?: { label: string; id: string; certPem: string }[];
}

/** The certificate issued for each key, by key label. */
export type TokenCerts = Record<string, string>;

interface Lib {
  load(path: string): void;
  close(): void;
  C_Initialize(): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Buffer[];
  C_GetTokenInfo(slot: Buffer): { label: string };
  C_OpenSession(slot: Buffer, flags: number): Buffer;
  C_Login(session: Buffer, userType: number, pin: string): void;
  C_Logout(session: Buffer): void;
  C_CloseSession(session: Buffer): void;
  C_GenerateKeyPair(
    session: Buffer,
    mechanism: { mechanism: number },
    publicTemplate: Attr[],
    privateTemplate: Attr[],
  ): { publicKey: Buffer; privateKey: Buffer };
  C_GetAttributeValue(session: Buffer, object: Buffer, template: Attr[]): { type: number; value: Buffer }[];
  C_CreateObject(session: Buffer, template: Attr[]): Buffer;
}
type Attr = { type: number; value?: number | boolean | Buffer };

const P256 = Buffer.from("06082a8648ce3d030107", "hex"); // the OID of prime256v1, DER

export function setUpToken(spec: TokenSpec): TokenCerts {
  execFileSync("softhsm2-util", [
    "--init-token",
    "--free",
    "--label",
    spec.label,
    "--so-pin",
    spec.soPin,
    "--pin",
    spec.pin,
  ]);
  const pk = createRequire(import.meta.url)("pkcs11js") as Record<string, number> & {
    PKCS11: new () => Lib;
  };
  const c = (name: string) => pk[name] as number;
  const lib = new pk.PKCS11();
  lib.load(spec.module);
  lib.C_Initialize();
  try {
    const slot = lib
      .C_GetSlotList(true)
      .find((s) => lib.C_GetTokenInfo(s).label.replace(/[\s\0]+$/, "") === spec.label);
    if (!slot) throw new Error(`token ${spec.label} not found after softhsm2-util made it`);
    const session = lib.C_OpenSession(slot, c("CKF_SERIAL_SESSION") | c("CKF_RW_SESSION"));
    lib.C_Login(session, c("CKU_USER"), spec.pin);
    const certs: TokenCerts = {};
    const storeCert = (label: string, id: Buffer, certPem: string) => {
      const der = new X509Certificate(certPem).raw;
      lib.C_CreateObject(session, [
        { type: c("CKA_CLASS"), value: c("CKO_CERTIFICATE") },
        { type: c("CKA_CERTIFICATE_TYPE"), value: c("CKC_X_509") },
        { type: c("CKA_TOKEN"), value: true },
        { type: c("CKA_LABEL"), value: Buffer.from(label, "utf8") },
        { type: c("CKA_ID"), value: id },
        {
          type: c("CKA_SUBJECT"),
          value: Buffer.from(pkijs.Certificate.fromBER(new Uint8Array(der)).subject.toSchema().toBER()),
        },
        { type: c("CKA_VALUE"), value: der },
      ]);
    };
    for (const k of spec.keys) {
      const id = Buffer.from(k.id, "hex");
      const common = [
        { type: c("CKA_TOKEN"), value: true },
        { type: c("CKA_LABEL"), value: Buffer.from(k.label, "utf8") },
        { type: c("CKA_ID"), value: id },
      ];
      const { publicKey } = lib.C_GenerateKeyPair(
        session,
        { mechanism: c(k.type === "rsa" ? "CKM_RSA_PKCS_KEY_PAIR_GEN" : "CKM_EC_KEY_PAIR_GEN") },
        [
          ...common,
          { type: c("CKA_VERIFY"), value: true },
          ...(k.type === "rsa"
            ? [
                { type: c("CKA_MODULUS_BITS"), value: 2048 },
                { type: c("CKA_PUBLIC_EXPONENT"), value: Buffer.from([1, 0, 1]) },
              ]
            : [{ type: c("CKA_EC_PARAMS"), value: P256 }]),
        ],
        [
          ...common,
          { type: c("CKA_PRIVATE"), value: true },
          { type: c("CKA_SIGN"), value: true },
          { type: c("CKA_SENSITIVE"), value: true },
          { type: c("CKA_EXTRACTABLE"), value: false },
        ],
      );
      const attr = (type: string) =>
        lib.C_GetAttributeValue(session, publicKey, [{ type: c(type) }])[0]?.value ?? Buffer.alloc(0);
      // The public key as the token shows it, to a SubjectPublicKeyInfo for the CA.
      const jwk =
        k.type === "rsa"
          ? {
              kty: "RSA",
              n: attr("CKA_MODULUS").toString("base64url"),
              e: attr("CKA_PUBLIC_EXPONENT").toString("base64url"),
            }
          : (() => {
              const point = attr("CKA_EC_POINT").subarray(2); // OCTET STRING { 04 || x || y }
              return {
                kty: "EC",
                crv: "P-256",
                x: point.subarray(1, 33).toString("base64url"),
                y: point.subarray(33).toString("base64url"),
              };
            })();
      const spki = createPublicKey({ key: jwk, format: "jwk" }).export({ type: "spki", format: "der" });
      const certPem = issueSignerCertificate(spec.ca, k.agency, new Uint8Array(spki));
      storeCert(k.label, id, certPem);
      certs[k.label] = certPem;
    }
    for (const extra of spec.extraCerts ?? [])
      storeCert(extra.label, Buffer.from(extra.id, "hex"), extra.certPem);
    lib.C_Logout(session);
    lib.C_CloseSession(session);
    return certs;
  } finally {
    lib.C_Finalize();
    lib.close();
  }
}

/** A certificate from `ca` for a key that is on no token, to store as a decoy. */
export function certificateForAnotherKey(
  ca: TokenSpec["ca"],
  agency: { code: string; name: string },
  now: Date,
) {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return issueSignerCertificate(
    ca,
    agency,
    publicKey.export({ type: "spki", format: "pem" }).toString(),
    now,
  );
}

if (process.argv[1] === import.meta.filename) {
  process.stdout.write(JSON.stringify(setUpToken(JSON.parse(process.argv[2] ?? "{}") as TokenSpec)));
}
