import { z } from "zod";

// What a signed PDF's verification reports, signature by signature, as an independent
// validator (EU DSS, pdfsig) would: integrity, time, chain, revocation and baseline level.

const name = z.string().nullable();

export const signatureReportSchema = z
  .object({
    index: z.number().int().describe("Position in the file, 0 = the first signature made"),
    fieldName: z.string().nullable().describe("The signature field's /T, when found"),
    signer: z
      .object({ commonName: name, organisation: name, organisationUnit: name })
      .describe("The signer's certificate subject"),
    issuer: name.describe("CN of the CA that issued the signer's certificate"),
    serialNumber: name.describe("The signer's certificate serial number, hex"),
    integrity: z
      .enum(["intact", "altered"])
      .describe("The digest matches the bytes of its ByteRange and the signature value verifies"),
    coversWholeFile: z
      .boolean()
      .describe("False when later incremental updates follow (normal for an earlier signature)"),
    signingTime: z.object({
      claimed: name.describe("/M of the signature dictionary (or the CMS signing-time), not proven"),
      timestamp: name.describe("genTime of a valid signature time-stamp"),
      source: z.enum(["timestamp", "claimed"]).nullable().describe("Which time the checks used"),
    }),
    timestamp: z.object({
      present: z.boolean(),
      valid: z.boolean().describe("The token is intact and is over this signature value"),
      trusted: z.boolean().describe("The TSA's certificate chains to a trust anchor"),
      authority: name.describe("CN of the time-stamping authority"),
      time: name,
    }),
    chain: z.object({
      status: z
        .enum(["trusted", "untrusted", "demo", "expired"])
        .describe("demo: issued by motcua's demo CA, which has no legal value"),
      path: z.array(z.string()).describe("Common names from the signer to the anchor"),
      trustAnchor: name,
    }),
    revocation: z.object({
      status: z.enum(["good", "revoked", "unknown"]),
      source: z.enum(["crl", "ocsp"]).nullable(),
      checkedAt: name.describe("thisUpdate of the CRL or producedAt of the OCSP response used"),
      revokedAt: name,
    }),
    level: z.enum(["B-B", "B-T", "B-LT"]).describe("PAdES baseline level (ETSI EN 319 142-1)"),
    valid: z.boolean(),
    reasons: z.array(z.string()).describe("Findings in Vietnamese: why not valid, and notes"),
  })
  .meta({ id: "SignatureReport", description: "Kết quả kiểm tra một chữ ký số trong tệp PDF" });

export const verificationReportSchema = z
  .object({
    sha256: z.string(),
    signatures: z.array(signatureReportSchema).describe("In the order they were made"),
    valid: z.boolean().describe("Every signature valid and the last one covers the whole file"),
    summary: z.string().describe("One Vietnamese sentence"),
  })
  .meta({ id: "VerificationReport", description: "Kết quả kiểm tra chữ ký số của một tệp PDF" });

/** The short verdict kept for older callers: the last signature's. */
export const verificationSchema = z
  .object({
    valid: z.boolean(),
    reason: name.describe("Why not, in Vietnamese"),
    signer: name,
    signerOrganisationUnit: name,
    signedAt: name,
    sha256: z.string(),
  })
  .meta({ id: "SignatureVerdict", description: "Kết luận ngắn: chữ ký cuối cùng của tệp" });

export type SignatureReport = z.infer<typeof signatureReportSchema>;
export type VerificationReport = z.infer<typeof verificationReportSchema>;
export type Verification = z.infer<typeof verificationSchema>;
