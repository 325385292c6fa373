import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { cscProfileSchema, cscSigner } from "./csc.signer.ts";
import { pkcs11ProfileSchema, pkcs11Signer } from "./pkcs11.signer.ts";
import { type ResultSigner, SignerUnavailable } from "./result-signer.ts";
import { p12Signer } from "./software.signer.ts";
import { buildChain, type Chain, type TrustList } from "./trust.ts";

// Who signs results, as the province's IT team writes it in `<pki dir>/signers.json`: typed,
// checked at start, and without secrets (PINs and client secrets are named environment variables).

/** A PKCS#12 file: demo and tests only (the key sits on disk). */
const pkcs12ProfileSchema = z.object({
  kind: z.literal("pkcs12"),
  file: z.string().describe("path to the .p12, relative to the PKI folder"),
  passphraseEnv: z.string().describe("environment variable holding the passphrase"),
});

// Strict: a misspelt key ("pinenv") is named as unknown, not reported as a missing pinEnv.
export const signerProfileSchema = z.discriminatedUnion("kind", [
  pkcs11ProfileSchema.strict(),
  cscProfileSchema.strict(),
  pkcs12ProfileSchema.strict(),
]);
export type SignerProfile = z.infer<typeof signerProfileSchema>;

/**
 * `<pki dir>/signers.json`: who signs results, per agency (the competent official's certificate,
 * and optionally the agency's seal, con dấu) and per official (an official's own token or
 * remote-signing account for the results they issue). Secrets are named, never written here.
 */
export const signersFileSchema = z
  .object({
    version: z.literal(1),
    /** By agency code: the certificate results are signed with, and the seal that signs after it. */
    agencies: z
      .record(
        z.string(),
        z.object({ official: signerProfileSchema.optional(), seal: signerProfileSchema.optional() }).strict(),
      )
      .default({}),
    /** By official's username: their own certificate for the results they issue. */
    officials: z.record(z.string(), signerProfileSchema).default({}),
  })
  .strict();
export type SignersFile = z.infer<typeof signersFileSchema>;

/** Reads and checks signers.json; absent: every agency falls back to `agencies/<code>.p12`. */
export function readSignersFile(dir: string): SignersFile | null {
  const path = join(dir, "signers.json");
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = signersFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${path} is not a valid signers file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The signer a profile describes. */
export function signerFromProfile(profile: SignerProfile, dir: string, env: NodeJS.ProcessEnv): ResultSigner {
  switch (profile.kind) {
    case "pkcs11":
      return pkcs11Signer(profile, env);
    case "csc":
      return cscSigner(profile, env);
    case "pkcs12":
      return p12Signer({
        p12: readFileSync(isAbsolute(profile.file) ? profile.file : join(dir, profile.file)),
        passphrase: env[profile.passphraseEnv] ?? "",
      });
  }
}

export interface SignerCheck {
  /** "agency <code> official", "agency <code> seal" or "official <username>". */
  who: string;
  kind: SignerProfile["kind"];
  ok: boolean;
  subject?: string;
  issuer?: string;
  validTo?: string;
  /** Whether results it signs would verify here: the chain to the trust list. */
  chain?: Chain["status"];
  /** What this check could not try (a CSC PIN is only checked when signing). */
  note?: string;
  /** Why it cannot sign: a SignerUnavailable code or the error's message. */
  problem?: string;
}

/** `motcua pki signers`: reaches every signer signers.json names and reads its certificate. */
export async function checkSigners(
  file: SignersFile,
  dir: string,
  env: NodeJS.ProcessEnv,
  trust: TrustList,
): Promise<SignerCheck[]> {
  const entries: [string, SignerProfile][] = [
    ...Object.entries(file.agencies).flatMap(([code, a]) =>
      (["official", "seal"] as const).flatMap((role) => {
        const p = a[role];
        return p ? [[`agency ${code} ${role}`, p] as [string, SignerProfile]] : [];
      }),
    ),
    ...Object.entries(file.officials).map(
      ([username, p]) => [`official ${username}`, p] as [string, SignerProfile],
    ),
  ];
  const checks: SignerCheck[] = [];
  for (const [who, profile] of entries) {
    let signer: ResultSigner | null = null;
    try {
      signer = signerFromProfile(profile, dir, env);
      const chain = await signer.certificateChain();
      const cert = new X509Certificate(chain[0] as Uint8Array);
      const status = buildChain(cert, chain, trust, new Date()).status;
      const usable = status === "trusted" || (status === "demo" && trust.demoMode);
      checks.push({
        who,
        kind: profile.kind,
        ok: usable,
        subject: cert.subject,
        issuer: cert.issuer,
        validTo: cert.validTo,
        chain: status,
        ...(usable
          ? {}
          : {
              problem: `UNTRUSTED: the certificate's chain is ${status}; results it signs would not verify`,
            }),
        ...(profile.kind === "csc" ? { note: "PIN not checked: the service checks it when signing" } : {}),
      });
    } catch (e) {
      const problem = e instanceof SignerUnavailable ? `${e.code}: ${e.message}` : (e as Error).message;
      checks.push({ who, kind: profile.kind, ok: false, problem });
    } finally {
      await signer?.close?.();
    }
  }
  return checks;
}
