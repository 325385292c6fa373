import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { buildSignedData, certificateDer, OID, sha256Of } from "./cms.ts";
import { appendDss } from "./pades-dss.ts";
import type { ResultSigner, TimestampAuthority } from "./result-signer.ts";

// Room for the CMS in /Contents, in bytes: a three-certificate chain, a time-stamp token with
// the TSA's chain, and headroom; a placeholder too small fails the signing, never the file.
const SIGNATURE_ROOM = 16_384;

/** What a signature dictionary says: /Reason, /Name, /Location, and /M, the claimed signing time. */
export interface SignatureMeta {
  reason: string;
  name: string;
  location: string;
  signingTime: Date;
}

/** Revocation data for PAdES B-LT, each DER: CRLs, and OCSP responses where at hand. */
export interface LongTermData {
  crls?: Uint8Array[];
  ocsps?: Uint8Array[];
}

export interface PadesOptions {
  /** In order, each an incremental update over the last: the official's, then the agency's seal. */
  signatures: [
    { signer: ResultSigner; meta: SignatureMeta },
    ...{ signer: ResultSigner; meta: SignatureMeta }[],
  ];
  /** RFC 3161 authority: B-T; null: B-B. */
  tsa?: TimestampAuthority | null;
  /** B-LT: a DSS after the last signature with every certificate, the CRLs and OCSP responses. */
  longTerm?: LongTermData | null;
}

/**
 * Signs a PDF as PAdES baseline (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): B-B, and
 * B-T when a time-stamping authority is given. The claimed signing time is the dictionary's /M;
 * EN 319 142-1 forbids the CMS signing-time attribute in PAdES baseline signatures. Fields are
 * named Signature1, Signature2…; a later signature leaves the bytes of the earlier ones intact.
 */
export function signPdf(pdf: Buffer, o: PadesOptions): Promise<Buffer>;
export function signPdf(
  pdf: Buffer,
  signer: ResultSigner,
  meta: SignatureMeta,
  tsa?: TimestampAuthority | null,
): Promise<Buffer>;
export async function signPdf(
  pdf: Buffer,
  first: PadesOptions | ResultSigner,
  meta?: SignatureMeta,
  tsa: TimestampAuthority | null = null,
): Promise<Buffer> {
  const o: PadesOptions =
    "signatures" in first ? first : { signatures: [{ signer: first, meta: meta as SignatureMeta }], tsa };
  let out = pdf;
  const certs: Uint8Array[] = [];
  for (const { signer, meta } of o.signatures) {
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: out,
      reason: meta.reason,
      contactInfo: "",
      name: meta.name,
      location: meta.location,
      signingTime: meta.signingTime,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      signatureLength: SIGNATURE_ROOM,
      appName: "motcua",
    });
    const cades = new CadesDetached(signer, o.tsa ?? null);
    out = await new SignPdf().sign(withPlaceholder, cades, meta.signingTime);
    certs.push(...(await signer.certificateChain()), ...cades.timestampCertificates);
  }
  if (!o.longTerm) return out;
  return appendDss(out, { certs, crls: o.longTerm.crls ?? [], ocsps: o.longTerm.ocsps ?? [] });
}

/** @signpdf's hook: the CMS over the bytes the ByteRange covers. */
class CadesDetached extends Signer {
  constructor(
    private readonly signer: ResultSigner,
    private readonly tsa: TimestampAuthority | null,
  ) {
    super();
  }

  /** The TSA's certificates from the token, for the DSS. */
  timestampCertificates: Uint8Array[] = [];

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const tsa = this.tsa;
    const cms = await buildSignedData({
      signer: this.signer,
      contentType: OID.data,
      digest: sha256Of(signedBytes),
      ...(tsa
        ? {
            // PAdES B-T: a time-stamp over the signature value (RFC 3161 appendix A).
            unsigned: async (signature: Uint8Array) => {
              const token = await tsa.timestamp(sha256Of(signature));
              this.timestampCertificates = tokenCertificates(token);
              return [
                new pkijs.Attribute({
                  type: OID.signatureTimeStampToken,
                  values: [asn1js.fromBER(token).result],
                }),
              ];
            },
          }
        : {}),
    });
    return Buffer.from(cms);
  }
}

function tokenCertificates(token: Uint8Array): Uint8Array[] {
  const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(token)).content });
  return (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map(certificateDer);
}
