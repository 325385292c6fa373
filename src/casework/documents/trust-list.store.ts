import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { classifyAnchors, pemCertificates, type TrustList } from "./trust.ts";

/**
 * The trust list of a PKI folder: `trusted/*.pem` and the optional PEM bundle
 * (MOTCUA_TRUST_LIST) are anchors, except motcua's demo CA (`demo-ca.pem`, or any CA with the
 * demo mark), which is trusted only in demo mode; `crls/*.crl` (DER or PEM) are known CRLs.
 */
export function loadTrustList(o: { dir: string; demo: boolean; bundlePath?: string | null }): TrustList {
  const read = (sub: string, ext: string) => {
    const dir = join(o.dir, sub);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(ext))
          .map((f) => readFileSync(join(dir, f)))
      : [];
  };
  const demoCaFile = join(o.dir, "demo-ca.pem");
  const pems = [
    ...read("trusted", ".pem").flatMap((b) => pemCertificates(b.toString("utf8"))),
    ...(o.bundlePath ? pemCertificates(readFileSync(o.bundlePath, "utf8")) : []),
  ];
  const { anchors, demoCas } = classifyAnchors(
    pems,
    existsSync(demoCaFile) ? readFileSync(demoCaFile, "utf8") : null,
  );
  return { anchors, demoCas, demoMode: o.demo, crls: read("crls", ".crl").map((b) => new Uint8Array(b)) };
}
