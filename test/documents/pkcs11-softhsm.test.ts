import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OID, readSignedData } from "../../src/casework/documents/cms.ts";
import { signPdf } from "../../src/casework/documents/pades.ts";
import { verifyPdf } from "../../src/casework/documents/pades-verify.ts";
import {
  type Pkcs11Profile,
  type Pkcs11Signer,
  pkcs11ProfileSchema,
  pkcs11Signer,
} from "../../src/casework/documents/pkcs11.signer.ts";
import { createDemoCa } from "../../src/casework/documents/pki.ts";
import { SignerUnavailable } from "../../src/casework/documents/result-signer.ts";
import {
  hasPdfsig,
  opensslVerify,
  parts,
  pdfsig,
  plainPdf,
  tampered,
  workDir,
  write,
} from "./outside-validators.ts";
import { certificateForAnotherKey, type TokenCerts, type TokenSpec } from "./softhsm-token.ts";

// Hardware-token signing (issue 21) against SoftHSM2, a PKCS#11 token in files: keys generated on
// the token, certified by a CA with Vietnamese names, and a PDF signed through pkcs11Signer that
// pdfsig and openssl accept. Needs Debian's softhsm2; in CI it must run.

const MODULE = "/usr/lib/softhsm/libsofthsm2.so";
const skip = !existsSync(MODULE) && !process.env.CI;
if (skip)
  console.warn(`SoftHSM2 not found (${MODULE}; apt-get install softhsm2): skipping the PKCS#11 tests`);

// SoftHSM reads SOFTHSM2_CONF when the signer first initialises it: this file's own token folder.
const tokenDir = join(workDir, "softhsm-tokens");
mkdirSync(tokenDir, { recursive: true });
process.env.SOFTHSM2_CONF = write(
  "softhsm2.conf",
  `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`,
);

const ca = createDemoCa(new Date(), {
  commonName: "Ban Cơ yếu Chính phủ — thử nghiệm",
  organizationName: "Cục Chứng thực số và Bảo mật thông tin",
});
const caFile = write("pkcs11-ca.pem", ca.certPem);
const otherCa = createDemoCa(new Date(), { commonName: "CA khác — thử nghiệm", organizationName: "Khác" });
const agency = { code: "000.00.37.H40", name: "Sở Tư pháp tỉnh Ninh Bình" };

const LABEL = "Sở Tư pháp Ninh Bình"; // 25 bytes of the token's 32
const RSA_KEY = "Khóa ký RSA — Sở Tư pháp";
const EC_KEY = "Khóa ký ECDSA — Sở Tư pháp";
const env = { TOKEN_PIN: "246810", TOKEN_BAD_PIN: "000000" };

/** Sets up a token in its own process (see softhsm-token.ts); the certificates by key label. */
function setUpToken(spec: Omit<TokenSpec, "module" | "soPin" | "pin" | "ca">): TokenCerts {
  const full: TokenSpec = { module: MODULE, soPin: "13572468", pin: env.TOKEN_PIN, ca, ...spec };
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "softhsm-token.ts"), JSON.stringify(full)],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`setting up token ${spec.label} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as TokenCerts;
}

const deleteToken = (label: string) => {
  const r = spawnSync("softhsm2-util", ["--delete-token", "--token", label], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
};

const profile = (o: Partial<Pkcs11Profile> = {}): Pkcs11Profile =>
  pkcs11ProfileSchema.parse({
    kind: "pkcs11",
    module: MODULE,
    token: LABEL,
    key: RSA_KEY,
    pinEnv: "TOKEN_PIN",
    ...o,
  });

const meta = {
  reason: "Ban hành 1/2026/KQ-H40",
  name: agency.name,
  location: "Việt Nam",
  signingTime: new Date("2026-03-09T01:00:00Z"),
};

const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);

/** The SignerUnavailable signing fails with. */
async function failure(signer: Pkcs11Signer): Promise<SignerUnavailable> {
  const e = await signPdf(await plainPdf(), signer, meta).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SignerUnavailable);
  return e as SignerUnavailable;
}

describe.skipIf(skip)("results signed on a PKCS#11 token (SoftHSM2)", () => {
  const signers: Pkcs11Signer[] = [];
  const signer = (o: Partial<Pkcs11Profile> = {}, e: Record<string, string> = env) => {
    const s = pkcs11Signer(profile(o), e);
    signers.push(s);
    return s;
  };
  let certs: TokenCerts = {};

  beforeAll(() => {
    // Worker threads copy process.env: SoftHSM would not see SOFTHSM2_CONF (vitest's default pool forks).
    expect(isMainThread, "run in a process of its own (vitest pool: forks)").toBe(true);
    certs = setUpToken({
      label: LABEL,
      keys: [
        { label: RSA_KEY, id: "01", type: "rsa", agency },
        { label: EC_KEY, id: "02", type: "ec", agency },
      ],
      extraCerts: [
        { label: "Ban Cơ yếu Chính phủ", id: "ca01", certPem: ca.certPem },
        { label: "CA khác", id: "ca02", certPem: otherCa.certPem },
        // The RSA key's CKA_ID and a later expiry, for another key: taken only by id and date, it
        // would be the signer's certificate; the token's modulus keeps it out.
        {
          label: "Chứng thư khác",
          id: "01",
          certPem: certificateForAnotherKey(ca, agency, new Date(Date.now() + 365 * 86_400_000)),
        },
      ],
    });
  });
  afterAll(async () => {
    for (const s of signers) await s.close();
  });

  it("the chain is the key's certificate, then its CA's, as the token stores them; the decoy and the other CA stay out", async () => {
    const chain = await signer().certificateChain();
    expect(chain.map((c) => Buffer.from(c).toString("hex"))).toEqual(
      [der(certs[RSA_KEY] as string), der(ca.certPem)].map((c) => Buffer.from(c).toString("hex")),
    );
  });

  for (const [kind, key, algorithm] of [
    ["RSA-2048", RSA_KEY, OID.rsaEncryption],
    ["EC P-256", EC_KEY, OID.ecdsaWithSha256],
  ] as const) {
    it(`${kind}: pdfsig and openssl cms -verify accept the signed PDF, and reject a tampered copy`, async () => {
      const pdf = await signPdf(await plainPdf(), signer({ key }), meta);
      const cms = readSignedData(parts(pdf).cms);
      expect(cms.signerInfo.signatureAlgorithm.algorithmId).toBe(algorithm);
      expect(cms.signatureValid).toBe(true);

      const name = `pkcs11-${kind}`;
      const good = opensslVerify(pdf, name, caFile);
      expect(good.out).toContain("Verification successful");
      expect(good.status).toBe(0);
      const bad = opensslVerify(tampered(pdf), `${name}-tampered`, caFile);
      expect(bad.status).not.toBe(0);
      expect(bad.out).toMatch(/digest failure|Verification failure/);

      expect(verifyPdf(pdf, [ca.certPem])).toMatchObject({
        valid: true,
        signerOrganisationUnit: agency.code,
      });
      expect(verifyPdf(tampered(pdf), [ca.certPem]).valid).toBe(false);

      if (hasPdfsig) {
        // Trust aside: pdfsig's NSS database does not hold the demo CA.
        const sig = pdfsig(pdf, `${name}.pdf`);
        expect(sig.out).toContain("Signature Validation: Signature is Valid.");
        expect(sig.out).toContain(agency.name);
        const badSig = pdfsig(tampered(pdf), `${name}-tampered.pdf`);
        expect(badSig.out).not.toContain("Signature is Valid");
        expect(badSig.out).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
      }
    });
  }

  it("signatures asked for at once are made one after another on the signer's session", async () => {
    const s = signer({ key: EC_KEY });
    const pdfs = await Promise.all([1, 2, 3, 4].map(async () => signPdf(await plainPdf(), s, meta)));
    for (const pdf of pdfs) expect(verifyPdf(pdf, [ca.certPem]).valid).toBe(true);
  });

  it("a wrong PIN is PIN_REJECTED, and the signer does not try it again (the token would lock)", async () => {
    // A token of its own: login is per process and token, and the others are logged in.
    const label = "Token sai PIN";
    setUpToken({ label, keys: [{ label: RSA_KEY, id: "01", type: "rsa", agency }] });
    const s = signer({ token: label, pinEnv: "TOKEN_BAD_PIN" });
    const first = await failure(s);
    expect(first.code).toBe("PIN_REJECTED");
    expect(first.message).toContain("TOKEN_BAD_PIN");
    expect(await failure(s)).toBe(first);
  });

  it("a token that is not there is TOKEN_UNAVAILABLE; plugged in, the same signer signs", async () => {
    const later = "Token cắm sau";
    const s = signer({ token: later });
    const f = await failure(s);
    expect(f.code).toBe("TOKEN_UNAVAILABLE");
    expect(f.message).toContain(`No token labelled "${later}"`);
    const laterCerts = setUpToken({
      label: later,
      keys: [{ label: RSA_KEY, id: "01", type: "rsa", agency }],
    });
    const pdf = await signPdf(await plainPdf(), s, meta);
    expect(opensslVerify(pdf, "pkcs11-later", caFile).status).toBe(0);
    expect((await s.certificateChain())[0]).toEqual(der(laterCerts[RSA_KEY] as string));
  });

  it("a token swapped under a kept session: a new session, and no signature whose key is not the certificate's", async () => {
    const label = "Token thay";
    const first = setUpToken({ label, keys: [{ label: EC_KEY, id: "0a", type: "ec", agency }] });
    const s = signer({ token: label, key: EC_KEY });
    await signPdf(await plainPdf(), s, meta);
    deleteToken(label);
    const second = setUpToken({ label, keys: [{ label: EC_KEY, id: "0b", type: "ec", agency }] });
    expect(second[EC_KEY]).not.toBe(first[EC_KEY]);
    // The CMS under way names the first token's certificate: refused, not signed by the new key.
    const swapped = await failure(s);
    expect(swapped.code).toBe("TOKEN_UNAVAILABLE");
    expect(swapped.message).toContain("changed while a signature was being made");
    const pdf = await signPdf(await plainPdf(), s, meta);
    expect(opensslVerify(pdf, "pkcs11-replaced", caFile).status).toBe(0);
    expect((await s.certificateChain())[0]).toEqual(der(second[EC_KEY] as string));
  });

  it("no key by that label, or a module that does not load, is TOKEN_UNAVAILABLE saying which", async () => {
    const noKey = await failure(signer({ key: "Khóa không có" }));
    expect(noKey.code).toBe("TOKEN_UNAVAILABLE");
    expect(noKey.message).toContain('no private key labelled "Khóa không có"');
    const noModule = await failure(signer({ module: "/usr/lib/khong-co/libpkcs11.so" }));
    expect(noModule.code).toBe("TOKEN_UNAVAILABLE");
    expect(noModule.message).toContain("/usr/lib/khong-co/libpkcs11.so does not load");
  });

  it("an unset PIN variable fails at once; a profile with a relative module path does not parse", () => {
    expect(() => pkcs11Signer(profile({ pinEnv: "NO_SUCH_PIN" }), env)).toThrow(
      /NO_SUCH_PIN, which is not set/,
    );
    expect(pkcs11ProfileSchema.safeParse({ ...profile(), module: "libsofthsm2.so" }).success).toBe(false);
  });
});
