import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pkijs from "pkijs";
import type { LongTermData } from "./pades.ts";
import { type AgencyCredential, createDemoCa, issueAgencyCredential } from "./pki.ts";
import { issueCrl } from "./pki-crl.ts";
import type { ResultSigner, TimestampAuthority } from "./result-signer.ts";
import {
  readSignersFile,
  type SignerProfile,
  type SignersFile,
  signerFromProfile,
} from "./signers-file.store.ts";
import { p12Signer } from "./software.signer.ts";
import type { TrustList } from "./trust.ts";
import { loadTrustList } from "./trust-list.store.ts";

/** The competent official a result is signed for. */
export interface SigningOfficial {
  username: string;
  fullName: string;
}

/** Who signs for an agency, who time-stamps, and which certificate authorities a verification trusts. */
export interface SigningKeys {
  /** The official's own signer when signers.json names one, else the agency's. */
  signerFor(agency: { code: string; name: string }, official?: SigningOfficial): ResultSigner | null;
  /** The agency's seal (con dấu), signing after the official; null: results carry one signature. */
  sealFor?(agency: { code: string; name: string }): ResultSigner | null;
  /** Revocation data for these certificates (PAdES B-LT); null: no DSS is added. */
  revocationFor?(chain: Uint8Array[]): LongTermData | null;
  /** RFC 3161 authority for PAdES B-T; null: signatures are B-B. */
  readonly timestamps: TimestampAuthority | null;
  trustedCas(): string[];
  /** Anchors, demo CAs and known CRLs for verification; absent: trustedCas() are the anchors. */
  trustList?(): TrustList;
  /** Ends token sessions (a token logs out when its last session closes). */
  close?(): Promise<void>;
}

/**
 * Certificates in a folder: `trusted/*.pem` (CAs whose signatures verify),
 * `agencies/<code>.p12` with `<code>.json` ({"passphrase": …}), the seal's
 * `agencies/<code>.seal.p12` and `.seal.json`, and `crls/*.crl` (DER or PEM). In demo mode a
 * missing agency certificate is issued by the demo CA (`demo-ca.pem`, `demo-ca-key.pem`) on first
 * use, and its CRL (`crls/demo-ca.crl`) is issued again each day.
 */
export class PkiFolder implements SigningKeys {
  private readonly cache = new Map<string, AgencyCredential | null>();
  private readonly signers = new Map<string, ResultSigner>();
  private file: SignersFile | null | undefined;

  constructor(
    private readonly dir: string,
    private readonly demo: boolean,
    readonly timestamps: TimestampAuthority | null = null,
    /**
     * seal: results are sealed after the official signs; longTerm: B-LT, a DSS with revocation
     * data; trustList: a PEM bundle of more trust anchors (MOTCUA_TRUST_LIST).
     */
    private readonly options: { seal?: boolean; longTerm?: boolean; trustList?: string } = {},
    /** Where signers.json's PINs and client secrets are read from. */
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /**
   * signers.json decides first (the official's token or remote account, else the agency's); else
   * the agency's PKCS#12 as a software signer (demo and tests; production keys belong in a token).
   */
  signerFor(agency: { code: string; name: string }, official?: SigningOfficial): ResultSigner | null {
    const own = official ? this.signersFile()?.officials[official.username] : undefined;
    if (own && official) return this.profiled(`official:${official.username}`, own);
    if (this.signersFile()?.agencies[agency.code]?.official) return this.signer(agency, "");
    // Demo: the approving official's own demo certificate, so a demo result is signed by a person
    // and sealed by the agency, as a real one is.
    if (this.demo && official)
      return this.signer({ code: agency.code, name: official.fullName }, `.official.${official.username}`);
    return this.signer(agency, "");
  }

  /**
   * Builds every signer signers.json names, so what is missing (a PIN variable, a client secret)
   * stops the start with its reason rather than failing an official's issue-result. No token or
   * service is contacted.
   */
  prepareSigners(): void {
    const file = this.signersFile();
    if (!file) return;
    for (const [code, a] of Object.entries(file.agencies)) {
      if (a.official) this.profiled(`agency:${code}`, a.official);
      if (a.seal) this.profiled(`agency:${code}.seal`, a.seal);
    }
    for (const [username, p] of Object.entries(file.officials)) this.profiled(`official:${username}`, p);
  }

  /** The seal's certificate ("<agency> (con dấu)"), when the deployment seals results. */
  sealFor(agency: { code: string; name: string }): ResultSigner | null {
    return this.options.seal ? this.signer(agency, ".seal") : null;
  }

  /** CRLs in `crls/` from an issuer of these certificates, null if none; no OCSP responder is asked. */
  revocationFor(chain: Uint8Array[]): LongTermData | null {
    if (!this.options.longTerm) return null;
    if (this.demo) this.refreshDemoCrl();
    const dir = join(this.dir, "crls");
    if (!existsSync(dir)) return null;
    const issuers = new Set(
      chain.flatMap((der) => {
        const c = pkijs.Certificate.fromBER(new Uint8Array(der));
        return [c.issuer, c.subject].map(nameKey);
      }),
    );
    const crls = readdirSync(dir)
      .filter((f) => f.endsWith(".crl"))
      .map((f) => crlDer(readFileSync(join(dir, f))))
      .filter((der) => {
        try {
          return issuers.has(nameKey(pkijs.CertificateRevocationList.fromBER(der).issuer));
        } catch {
          return false; // not a CRL: left out, not a failed signing
        }
      });
    return crls.length > 0 ? { crls } : null;
  }

  private refreshDemoCrl() {
    const file = join(this.dir, "crls", "demo-ca.crl");
    if (existsSync(file) && Date.now() - statSync(file).mtimeMs < 86_400_000) return;
    const crl = issueCrl(this.ensureDemoCa(), []);
    mkdirSync(join(this.dir, "crls"), { recursive: true, mode: 0o700 });
    writeFileSync(file, crl);
  }

  private signer(agency: { code: string; name: string }, kind: string): ResultSigner | null {
    const role = kind === "" ? "official" : kind === ".seal" ? "seal" : null;
    const profile = role ? this.signersFile()?.agencies[agency.code]?.[role] : undefined;
    if (profile) return this.profiled(`agency:${agency.code}${kind}`, profile);
    const key = agency.code + kind;
    const known = this.signers.get(key);
    if (known) return known;
    const credential = this.credential(agency, kind);
    if (!credential) return null;
    const signer = p12Signer(credential);
    this.signers.set(key, signer);
    return signer;
  }

  /** One signer per profile for the process's life: a token session or a CSC token is reused. */
  private profiled(key: string, profile: SignerProfile): ResultSigner {
    const known = this.signers.get(key);
    if (known) return known;
    const signer = signerFromProfile(profile, this.dir, this.env);
    this.signers.set(key, signer);
    return signer;
  }

  async close(): Promise<void> {
    const open = [...this.signers.values()];
    this.signers.clear();
    await Promise.all(open.map((s) => s.close?.()));
  }

  /** signers.json, read once; a file that does not parse stops the start, with the reason. */
  signersFile(): SignersFile | null {
    if (this.file === undefined) this.file = readSignersFile(this.dir);
    return this.file;
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
    return this.credential(agency, "");
  }

  private credential(agency: { code: string; name: string }, kind: string): AgencyCredential | null {
    const key = agency.code + kind;
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const base = join(this.dir, "agencies", (agency.code + kind).replace(/[^\w.-]/g, "_"));
    if (!existsSync(`${base}.p12`) && this.demo) {
      const holder = kind === ".seal" ? { ...agency, name: `${agency.name} (con dấu)` } : agency;
      const issued = issueAgencyCredential(this.ensureDemoCa(), holder);
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
    this.cache.set(key, found);
    return found;
  }

  trustedCas(): string[] {
    const dir = join(this.dir, "trusted");
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".pem"))
      .map((f) => readFileSync(join(dir, f), "utf8"));
  }

  /** trusted/*.pem and the bundle; the demo CA is labelled demo and trusted only in demo mode. */
  trustList(): TrustList {
    return loadTrustList({ dir: this.dir, demo: this.demo, bundlePath: this.options.trustList ?? null });
  }
}

const nameKey = (n: pkijs.RelativeDistinguishedNames) => Buffer.from(n.toSchema().toBER()).toString("base64");

/** A CRL file as DER, whether saved DER or PEM. */
function crlDer(bytes: Buffer): Uint8Array<ArrayBuffer> {
  const pem = /-----BEGIN X509 CRL-----([^-]+)-----END X509 CRL-----/.exec(bytes.toString("latin1"));
  return new Uint8Array(pem ? Buffer.from(pem[1] as string, "base64") : bytes);
}
