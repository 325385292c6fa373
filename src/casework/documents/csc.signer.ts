import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { ecdsaSigValue } from "./cms.ts";
import { type ResultSigner, SignerUnavailable } from "./result-signer.ts";

// Remote signing over the Cloud Signature Consortium API v2: the key stays with the CA's
// service; motcua sends the SHA-256 of the signed attributes and gets the signature back.

const SHA256 = "2.16.840.1.101.3.4.2.1";
const RSA = "1.2.840.113549.1.1.1";
const ECDSA_SHA256 = "1.2.840.10045.4.3.2";

export const cscProfileSchema = z.object({
  kind: z.literal("csc"),
  baseUrl: z.string().url().describe("The service's CSC v2 base, e.g. https://ca.example.vn/csc/v2"),
  clientId: z.string().min(1).describe("OAuth2 client_credentials client_id"),
  clientSecretEnv: z.string().min(1).describe("Name of the env var holding the client secret"),
  credentialId: z.string().min(1).optional().describe("Unset: the first of credentials/list"),
  pinEnv: z.string().min(1).describe("Name of the env var holding the credential's PIN"),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe("Bound on one certificate or signature call"),
});
export type CscProfile = z.infer<typeof cscProfileSchema>;

/** An answer other than 2xx, with CSC's error body (section 10.1: error, error_description). */
class CscError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`HTTP ${status} ${error}${description ? `: ${description}` : ""}`);
  }
}

const OTP_MESSAGE =
  "The certificate needs a one-time password for each signature, which server-side issuance cannot supply; use a credential with PIN-only (SCAL1) authorisation for automatic issuance";

/**
 * A CSC v2 service as a ResultSigner. Authentication is OAuth2 client_credentials at
 * `{baseUrl}/oauth2/token` (section 8.3.3); the token and the chain are cached, and the token is
 * fetched again once when the service answers 401. Each call to the service is bounded by
 * `timeoutMs` in total, not per request.
 */
export function cscSigner(profile: CscProfile, env: Record<string, string | undefined>): ResultSigner {
  const secret = env[profile.clientSecretEnv];
  const pin = env[profile.pinEnv];
  if (!secret) throw new Error(`${profile.clientSecretEnv} is not set (the CSC client secret)`);
  if (!pin) throw new Error(`${profile.pinEnv} is not set (the CSC credential PIN)`);
  const base = profile.baseUrl.replace(/\/+$/, "");
  let token: { value: string; until: number } | null = null;
  let credential: Promise<{ id: string; chain: Uint8Array[]; signAlgo: string }> | null = null;

  const send = async (path: string, body: unknown, signal: AbortSignal, headers: Record<string, string>) => {
    const res = await fetch(`${base}/${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal,
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw new CscError(res.status, String(json.error ?? ""), String(json.error_description ?? ""));
    return json;
  };

  const accessToken = async (signal: AbortSignal) => {
    if (token && Date.now() < token.until) return token.value;
    const res = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: profile.clientId,
        client_secret: secret,
      }),
      signal,
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof json.access_token !== "string")
      throw new CscError(res.status, String(json.error ?? ""), String(json.error_description ?? ""));
    // A minute's margin (capped at half the lifetime) so a token does not lapse on its way.
    const lifetime = Number(json.expires_in ?? 3600) * 1000;
    token = { value: json.access_token, until: Date.now() + lifetime - Math.min(60_000, lifetime / 2) };
    return token.value;
  };

  /** One CSC method, with the token fetched again once if the service no longer takes it. */
  const call = async (path: string, body: unknown, signal: AbortSignal) => {
    for (let attempt = 0; ; attempt++) {
      const bearer = await accessToken(signal);
      try {
        return await send(path, body, signal, {
          "content-type": "application/json",
          authorization: `Bearer ${bearer}`,
        });
      } catch (e) {
        if (!(e instanceof CscError && e.status === 401) || attempt > 0) throw e;
        token = null;
      }
    }
  };

  const load = async (signal: AbortSignal) => {
    let id = profile.credentialId;
    if (!id) {
      const list = await call("credentials/list", {}, signal);
      id = (list.credentialIDs as string[] | undefined)?.[0];
      if (!id) throw new CscError(200, "no_credentials", "credentials/list named no credential");
    }
    const info = await call("credentials/info", { credentialID: id, certificates: "chain" }, signal);
    if (needsOtp(info)) throw new SignerUnavailable("OTP_REQUIRED", `${OTP_MESSAGE} (credential ${id})`);
    const certs = ((info.cert as { certificates?: string[] } | undefined)?.certificates ?? []).map(
      (b64) => new Uint8Array(Buffer.from(b64, "base64")),
    );
    const [leaf] = certs;
    if (!leaf) throw new CscError(200, "no_certificate", `credentials/info gave no certificate for ${id}`);
    const keyType = new X509Certificate(leaf).publicKey.asymmetricKeyType;
    return { id, chain: certs, signAlgo: keyType === "ec" ? ECDSA_SHA256 : RSA };
  };

  const loaded = (signal: AbortSignal) => {
    credential ??= load(signal).catch((e) => {
      credential = null;
      throw e;
    });
    return credential;
  };

  const bounded = async <T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const signal = AbortSignal.timeout(profile.timeoutMs);
    try {
      return await work(signal);
    } catch (e) {
      throw unavailable(e, `${what} at ${base}`, profile.timeoutMs);
    }
  };

  return {
    certificateChain: () =>
      bounded("Reading the certificate", async (signal) => (await loaded(signal)).chain),
    signDigest: (sha256) =>
      bounded("Remote signing", async (signal) => {
        if (sha256.length !== 32) throw new Error("A SHA-256 digest is 32 bytes");
        const c = await loaded(signal);
        const hash = Buffer.from(sha256).toString("base64");
        const auth = await call(
          "credentials/authorize",
          {
            credentialID: c.id,
            numSignatures: 1,
            hashes: [hash],
            hashAlgorithmOID: SHA256,
            authData: [{ id: "PIN", value: pin }],
          },
          signal,
        );
        const signed = await call(
          "signatures/signHash",
          {
            credentialID: c.id,
            SAD: auth.SAD,
            hashes: [hash],
            hashAlgorithmOID: SHA256,
            signAlgo: c.signAlgo,
          },
          signal,
        );
        const [signature] = (signed.signatures as string[] | undefined) ?? [];
        if (!signature) throw new CscError(200, "no_signature", "signatures/signHash gave no signature");
        const bytes = new Uint8Array(Buffer.from(signature, "base64"));
        return c.signAlgo === ECDSA_SHA256 ? ecdsaDer(bytes) : bytes;
      }),
  };
}

/**
 * Whether authorising needs a one-time password: v2's `auth.objects` lists an OTP, or v1's
 * `OTP.presence` is "true" with explicit authorisation (an "optional" OTP is left out).
 */
function needsOtp(info: Record<string, unknown>): boolean {
  const auth = info.auth as { objects?: { type?: string }[] } | undefined;
  if (auth?.objects?.some((o) => o.type?.toUpperCase() === "OTP")) return true;
  const otp = info.OTP as { presence?: string | boolean } | undefined;
  return info.authMode === "explicit" && String(otp?.presence) === "true";
}

/** What went wrong, as the one error a signer raises. */
function unavailable(e: unknown, where: string, timeoutMs: number): unknown {
  if (e instanceof SignerUnavailable) return e;
  const err = e as Error;
  if (err?.name === "TimeoutError" || err?.name === "AbortError")
    return new SignerUnavailable("REMOTE_TIMEOUT", `${where}: no answer within ${timeoutMs} ms`, {
      cause: e,
    });
  if (e instanceof CscError) {
    const text = `${e.error} ${e.description}`;
    if (e.error === "invalid_otp" || (e.status === 400 && /\bOTP\b/i.test(text)))
      return new SignerUnavailable("OTP_REQUIRED", `${where}: ${OTP_MESSAGE}`, { cause: e });
    if (e.error === "invalid_pin" || (e.status === 400 && /\bPIN\b/i.test(text)))
      return new SignerUnavailable("PIN_REJECTED", `${where}: the service rejected the PIN (${e.message})`, {
        cause: e,
      });
    return new SignerUnavailable("REMOTE_REFUSED", `${where}: ${e.message}`, { cause: e });
  }
  // Connection refused, reset, name not found: fetch's TypeError, the reason in its cause.
  if (err instanceof TypeError)
    return new SignerUnavailable(
      "REMOTE_REFUSED",
      `${where}: ${(err.cause as Error | undefined)?.message ?? err.message}`,
      { cause: e },
    );
  return e;
}

/**
 * An ECDSA signature as a DER Ecdsa-Sig-Value. CSC does not say which form signHash returns;
 * services give either DER or IEEE P1363 r||s, which is converted.
 */
export function ecdsaDer(sig: Uint8Array): Uint8Array {
  if (sig[0] === 0x30 && sig[1] === sig.length - 2 && sig[2] === 0x02) return sig;
  return ecdsaSigValue(sig);
}
