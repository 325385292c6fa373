import { X509Certificate } from "node:crypto";

/** What a verification trusts, and what it knows about revocation outside the PDF. */
export interface TrustList {
  /** CA certificates (PEM) whose chains are trusted. */
  anchors: readonly string[];
  /** motcua's demo CAs (PEM): recognised, labelled demo, trusted only in demo mode. */
  demoCas: readonly string[];
  demoMode: boolean;
  /** CRLs (DER or PEM) known outside the PDF: the PKI folder's crls/. */
  crls: readonly Uint8Array[];
}

export const emptyTrustList: TrustList = { anchors: [], demoCas: [], demoMode: false, crls: [] };

// pki.ts marks every demo certificate's name so; a CA so named is a demo CA wherever it was found.
const DEMO_NAME = /KHÔNG DÙNG CHO SẢN XUẤT|\(demo\)/i;

/** The certificates of a PEM bundle (a trust list file). */
export function pemCertificates(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Splits trusted CAs into anchors and demo CAs: the demo CA's own file, or a demo name. */
export function classifyAnchors(pems: readonly string[], demoCaPem: string | null) {
  const demoPrint = demoCaPem ? parseCertificate(demoCaPem)?.fingerprint256 : undefined;
  const anchors: string[] = [];
  const demoCas: string[] = demoCaPem ? [demoCaPem] : [];
  const seen = new Set<string>(demoPrint ? [demoPrint] : []);
  for (const pem of pems) {
    const cert = parseCertificate(pem);
    if (!cert || seen.has(cert.fingerprint256)) continue;
    seen.add(cert.fingerprint256);
    (DEMO_NAME.test(cert.subject) ? demoCas : anchors).push(pem);
  }
  return { anchors, demoCas };
}

export function parseCertificate(source: Uint8Array | string): X509Certificate | null {
  try {
    return new X509Certificate(source);
  } catch {
    return null;
  }
}

export const commonName = (c: X509Certificate | null): string | null =>
  c ? (/(?:^|\n)CN=([^\n]*)/.exec(c.subject)?.[1] ?? null) : null;

export interface Chain {
  status: "trusted" | "untrusted" | "demo" | "expired";
  /** From the signer to the anchor. */
  path: X509Certificate[];
  anchor: X509Certificate | null;
}

/**
 * The path from `leaf` to an anchor or a demo CA through `pool` (the CMS's and the DSS's
 * certificates), each certificate signed by the next. "expired": a path exists but one of its
 * certificates was not valid at `when`.
 */
export function buildChain(
  leaf: X509Certificate,
  pool: readonly Uint8Array[],
  trust: TrustList,
  when: Date,
): Chain {
  const parse = (list: readonly (string | Uint8Array)[]) =>
    list.map(parseCertificate).filter((c): c is X509Certificate => c !== null);
  const anchors = parse(trust.anchors);
  const demo = parse(trust.demoCas);
  const intermediates = parse(pool).filter((c) => c.ca);
  const issuedBy = (child: X509Certificate, parent: X509Certificate) =>
    child.checkIssued(parent) && child.verify(parent.publicKey);
  const path = [leaf];
  for (let depth = 0; depth < 6; depth++) {
    const child = path.at(-1) as X509Certificate;
    const anchor =
      anchors.find((ca) => issuedBy(child, ca)) ??
      demo.find((ca) => issuedBy(child, ca)) ??
      // A self-signed anchor carried in the CMS is the anchor itself.
      [...anchors, ...demo].find((ca) => ca.fingerprint256 === child.fingerprint256);
    if (anchor) {
      const full = anchor.fingerprint256 === child.fingerprint256 ? path : [...path, anchor];
      const isDemo = demo.some((d) => d.fingerprint256 === anchor.fingerprint256);
      const validAt = (c: X509Certificate) => when >= new Date(c.validFrom) && when <= new Date(c.validTo);
      const status = !full.every(validAt) ? "expired" : isDemo ? "demo" : "trusted";
      return { status, path: full, anchor };
    }
    const next = intermediates.find(
      (ca) => !path.some((p) => p.fingerprint256 === ca.fingerprint256) && issuedBy(child, ca),
    );
    if (!next) break;
    path.push(next);
  }
  return { status: "untrusted", path, anchor: null };
}
