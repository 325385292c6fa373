import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CscProfile, cscProfileSchema, cscSigner } from "../../src/casework/documents/csc.signer.ts";
import { signPdf } from "../../src/casework/documents/pades.ts";
import { createDemoCa } from "../../src/casework/documents/pki.ts";
import { SignerUnavailable } from "../../src/casework/documents/result-signer.ts";
import { createCscStandin } from "../../src/tools/standins/csc.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { hasPdfsig, opensslVerify, pdfsig, plainPdf, tampered, write } from "./outside-validators.ts";

// Remote signing over CSC API v2 against the stand-in (issue 21): the result verifies outside
// motcua, and every way the service can fail is one SignerUnavailable code.

const skip = !hasPdfsig && !process.env.CI;
if (skip) console.warn("pdfsig not found (apt-get install poppler-utils): skipping the CSC signing tests");

const ca = createDemoCa(new Date(), {
  commonName: "Ban Cơ yếu Chính phủ — ký số từ xa",
  organizationName: "Cục Chứng thực số và Bảo mật thông tin",
});
const caFile = write("csc-ca.pem", ca.certPem);
const agency = { code: "000.00.37.H40", name: "Sở Tư pháp tỉnh Ninh Bình" };
const standin = createCscStandin({
  faults: faultsSchema.parse({}),
  ca,
  clientId: "motcua-test",
  clientSecret: "bí-mật",
  credentials: [
    { id: "h40", pin: "246810", agency },
    { id: "h40-otp", pin: "246810", otp: true, agency },
  ],
});
const env = { CSC_SECRET: "bí-mật", CSC_PIN: "246810", CSC_BAD_PIN: "000000" };
const meta = {
  reason: "Ban hành 1/2026/KQ-H40",
  name: agency.name,
  location: "Việt Nam",
  signingTime: new Date("2026-03-09T01:00:00Z"),
};

let baseUrl = "";
const profile = (o: Partial<CscProfile> = {}): CscProfile =>
  cscProfileSchema.parse({
    kind: "csc",
    baseUrl,
    clientId: "motcua-test",
    clientSecretEnv: "CSC_SECRET",
    pinEnv: "CSC_PIN",
    ...o,
  });

/** The SignerUnavailable code signing fails with, and how long it took. */
async function failure(p: CscProfile) {
  const started = Date.now();
  const e = await signPdf(await plainPdf(), cscSigner(p, env), meta).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SignerUnavailable);
  return { code: (e as SignerUnavailable).code, message: (e as Error).message, ms: Date.now() - started };
}

describe.skipIf(skip)("results signed by a CSC v2 remote-signing service", () => {
  beforeAll(async () => {
    await standin.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(standin.app.server.address() as { port: number }).port}/csc/v2`;
  });
  afterAll(() => standin.app.close());

  it("a PDF signed through the service is valid for pdfsig and openssl, and a tampered copy for neither", async () => {
    // No credentialId: the first of credentials/list, the PIN-only one.
    const pdf = await signPdf(await plainPdf(), cscSigner(profile(), env), meta);
    const good = opensslVerify(pdf, "csc", caFile);
    expect(good.out).toContain("Verification successful");
    expect(good.status).toBe(0);
    const bad = opensslVerify(tampered(pdf), "csc-tampered", caFile);
    expect(bad.status).not.toBe(0);
    if (hasPdfsig) {
      const sig = pdfsig(pdf, "csc.pdf");
      expect(sig.out).toContain("Signature Validation: Signature is Valid.");
      expect(sig.out).toContain(agency.name);
      expect(pdfsig(tampered(pdf), "csc-tampered.pdf").out).not.toContain("Signature is Valid");
    }
  });

  it("a wrong PIN is PIN_REJECTED", async () => {
    expect((await failure(profile({ pinEnv: "CSC_BAD_PIN" }))).code).toBe("PIN_REJECTED");
  });

  it("a credential that wants a one-time password is OTP_REQUIRED, saying to use a PIN-only one", async () => {
    const f = await failure(profile({ credentialId: "h40-otp" }));
    expect(f.code).toBe("OTP_REQUIRED");
    expect(f.message).toMatch(/one-time password.*PIN-only \(SCAL1\)/);
  });

  it("a service slower than timeoutMs is REMOTE_TIMEOUT, given up on within about timeoutMs", async () => {
    standin.faults.faults = faultsSchema.parse({ latencyMs: 5000 });
    try {
      const f = await failure(profile({ timeoutMs: 500 }));
      expect(f.code).toBe("REMOTE_TIMEOUT");
      // The bound covers the whole call (token, list, info), not each request.
      expect(f.ms).toBeLessThan(2500);
    } finally {
      standin.faults.faults = faultsSchema.parse({});
    }
  });

  it("a service that answers 503 is REMOTE_REFUSED, and so is one that is not there", async () => {
    standin.faults.faults = faultsSchema.parse({ down: true });
    try {
      expect((await failure(profile())).code).toBe("REMOTE_REFUSED");
    } finally {
      standin.faults.faults = faultsSchema.parse({});
    }
    expect((await failure(profile({ baseUrl: "http://127.0.0.1:9/csc/v2" }))).code).toBe("REMOTE_REFUSED");
  });

  it("a wrong client secret is REMOTE_REFUSED", async () => {
    const f = await signPdf(
      await plainPdf(),
      cscSigner(profile(), { ...env, CSC_SECRET: "sai" }),
      meta,
    ).catch((e: SignerUnavailable) => e.code);
    expect(f).toBe("REMOTE_REFUSED");
  });

  it("the stand-in's SAD signs once, and only the hash it was authorised for", async () => {
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${baseUrl}/${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const token = (
      await post("oauth2/token", {
        grant_type: "client_credentials",
        client_id: "motcua-test",
        client_secret: "bí-mật",
      })
    ).body.access_token;
    const [a, b] = ["a", "b"].map((c) => Buffer.alloc(32, c).toString("base64"));
    const sha256 = "2.16.840.1.101.3.4.2.1";
    const authorize = async () =>
      (
        await post(
          "credentials/authorize",
          {
            credentialID: "h40",
            numSignatures: 1,
            hashes: [a],
            hashAlgorithmOID: sha256,
            authData: [{ id: "PIN", value: "246810" }],
          },
          token,
        )
      ).body.SAD;
    const sign = (SAD: string | undefined, hash: string | undefined) =>
      post(
        "signatures/signHash",
        {
          credentialID: "h40",
          SAD,
          hashes: [hash],
          hashAlgorithmOID: sha256,
          signAlgo: "1.2.840.113549.1.1.1",
        },
        token,
      );
    const sad = await authorize();
    expect((await sign(sad, a)).status).toBe(200);
    expect((await sign(sad, a)).status).toBe(400);
    expect((await sign(await authorize(), b)).status).toBe(400);
    expect((await post("credentials/list", {}, "not-a-token")).status).toBe(401);
  });

  it("a lapsed token is replaced once, and the signing goes on", async () => {
    const signer = cscSigner(profile({ credentialId: "h40" }), env);
    await signPdf(await plainPdf(), signer, meta);
    const before = standin.tokensIssued();
    standin.expireTokens();
    const pdf = await signPdf(await plainPdf(), signer, meta);
    expect(standin.tokensIssued()).toBe(before + 1);
    expect(opensslVerify(pdf, "csc-renewed", caFile).status).toBe(0);
  });
});
