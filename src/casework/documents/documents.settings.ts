import { z } from "zod";

/** Documents' slice of the environment: signing certificates, time-stamping and the upload virus scan. */
export const documentsEnvSchema = z.object({
  MOTCUA_PKI_DIR: z
    .string()
    .optional()
    .describe("Signing certificates (trusted/*.pem, agencies/<code>.p12); default <data dir>/pki"),
  MOTCUA_TSA_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "RFC 3161 time-stamping authority for signed results (PAdES B-T); unset: B-B, without a time-stamp (demo: the stand-in)",
    ),
  MOTCUA_RESULT_SEAL: z
    .enum(["on", "off"])
    .optional()
    .describe(
      "Seal electronic results: the agency's seal (agencies/<code>.seal.p12) signs after the official; unset: off (demo: on)",
    ),
  MOTCUA_TRUST_LIST: z
    .string()
    .optional()
    .describe(
      "PEM bundle of CAs trusted when verifying signed PDFs, besides <pki dir>/trusted/*.pem; the demo CA is trusted only in demo mode",
    ),
  MOTCUA_CLAMD: z
    .string()
    .regex(/^[\w.-]+:\d+$/, "host:port")
    .optional()
    .describe("ClamAV clamd for scanning uploads (host:port); unset: no virus scan, shown in the status"),
});

export type DocumentsEnv = z.infer<typeof documentsEnvSchema>;
