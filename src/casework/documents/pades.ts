import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { buildSignedData, OID, sha256Of } from "./cms.ts";
import type { ResultSigner, TimestampAuthority } from "./result-signer.ts";

// Room for the CMS in /Contents, in bytes: a three-certificate chain, a time-stamp token with
// the TSA's chain, and headroom; a placeholder too small fails the signing, never the file.
const SIGNATURE_ROOM = 16_384;

/**
 * Signs a PDF as PAdES baseline (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): B-B, and
 * B-T when a time-stamping authority is given. The claimed signing time is the dictionary's /M;
 * EN 319 142-1 forbids the CMS signing-time attribute in PAdES baseline signatures.
 */
export async function signPdf(
  pdf: Buffer,
  signer: ResultSigner,
  meta: { reason: string; name: string; location: string; signingTime: Date },
  tsa: TimestampAuthority | null = null,
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    contactInfo: "",
    name: meta.name,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: SIGNATURE_ROOM,
    appName: "motcua",
  });
  return new SignPdf().sign(withPlaceholder, new CadesDetached(signer, tsa), meta.signingTime);
}

/** @signpdf's hook: the CMS over the bytes the ByteRange covers. */
class CadesDetached extends Signer {
  constructor(
    private readonly signer: ResultSigner,
    private readonly tsa: TimestampAuthority | null,
  ) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const tsa = this.tsa;
    const cms = await buildSignedData({
      signer: this.signer,
      contentType: OID.data,
      digest: sha256Of(signedBytes),
      ...(tsa
        ? {
            // PAdES B-T: a time-stamp over the signature value (RFC 3161 appendix A).
            unsigned: async (signature: Uint8Array) => [
              new pkijs.Attribute({
                type: OID.signatureTimeStampToken,
                values: [asn1js.fromBER(await tsa.timestamp(sha256Of(signature))).result],
              }),
            ],
          }
        : {}),
    });
    return Buffer.from(cms);
  }
}
