import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type AgencyCredential, createDemoCa, issueAgencyCredential } from "./pki.ts";
import type { ResultSigner, TimestampAuthority } from "./result-signer.ts";
import { p12Signer } from "./software.signer.ts";

/** Who signs for an agency, who time-stamps, and which certificate authorities a verification trusts. */
export interface SigningKeys {
  signerFor(agency: { code: string; name: string }): ResultSigner | null;
  /** RFC 3161 authority for PAdES B-T; null: signatures are B-B. */
  readonly timestamps: TimestampAuthority | null;
  trustedCas(): string[];
}

/**
 * Certificates in a folder: `trusted/*.pem` (CAs whose signatures verify) and
 * `agencies/<code>.p12` with `<code>.json` ({"passphrase": …}). In demo mode a missing agency
 * certificate is issued by the demo CA (`demo-ca.pem`, `demo-ca-key.pem`) on first use.
 */
export class PkiFolder implements SigningKeys {
  private readonly cache = new Map<string, AgencyCredential | null>();
  private readonly signers = new Map<string, ResultSigner>();

  constructor(
    private readonly dir: string,
    private readonly demo: boolean,
    readonly timestamps: TimestampAuthority | null = null,
  ) {}

  /** The agency's PKCS#12 as a software signer (demo and tests; production keys belong in a token). */
  signerFor(agency: { code: string; name: string }): ResultSigner | null {
    const known = this.signers.get(agency.code);
    if (known) return known;
    const credential = this.credentialFor(agency);
    if (!credential) return null;
    const signer = p12Signer(credential);
    this.signers.set(agency.code, signer);
    return signer;
  }

  /** `motcua pki demo`: a demo CA, trusted by this instance. */
  ensureDemoCa(): { certPem: string; keyPem: string } {
    const cert = join(this.dir, "demo-ca.pem");
    const key = join(this.dir, "demo-ca-key.pem");
    if (!existsSync(cert)) {
      mkdirSync(join(this.dir, "trusted"), { recursive: true, mode: 0o700 });
      const ca = createDemoCa();
      writeFileSync(cert, ca.certPem);
      writeFileSync(key, ca.keyPem, { mode: 0o600 });
      writeFileSync(join(this.dir, "trusted", "demo-ca.pem"), ca.certPem);
    }
    return { certPem: readFileSync(cert, "utf8"), keyPem: readFileSync(key, "utf8") };
  }

  credentialFor(agency: { code: string; name: string }): AgencyCredential | null {
    if (this.cache.has(agency.code)) return this.cache.get(agency.code) ?? null;
    const base = join(this.dir, "agencies", agency.code.replace(/[^\w.-]/g, "_"));
    if (!existsSync(`${base}.p12`) && this.demo) {
      const issued = issueAgencyCredential(this.ensureDemoCa(), agency);
      mkdirSync(join(this.dir, "agencies"), { recursive: true, mode: 0o700 });
      writeFileSync(`${base}.p12`, issued.p12, { mode: 0o600 });
      writeFileSync(
        `${base}.json`,
        JSON.stringify({ passphrase: issued.passphrase, certPem: issued.certPem }),
        { mode: 0o600 },
      );
    }
    const found = existsSync(`${base}.p12`)
      ? (() => {
          const meta = JSON.parse(readFileSync(`${base}.json`, "utf8")) as {
            passphrase: string;
            certPem?: string;
          };
          return {
            agencyCode: agency.code,
            p12: readFileSync(`${base}.p12`),
            passphrase: meta.passphrase,
            certPem: meta.certPem ?? "",
          };
        })()
      : null;
    this.cache.set(agency.code, found);
    return found;
  }

  trustedCas(): string[] {
    const dir = join(this.dir, "trusted");
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".pem"))
      .map((f) => readFileSync(join(dir, f), "utf8"));
  }
}
