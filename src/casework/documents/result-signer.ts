/**
 * Whoever holds an agency's signing key. The software PKCS#12 signer is the first; a PKCS#11
 * token (USB token, HSM) and a CSC remote-signing service fit the same two calls: a token signs a
 * DigestInfo with CKM_RSA_PKCS, a CSC service's signatures/signHash takes the digest itself.
 */
export interface ResultSigner {
  /** The signer's certificate first, then its issuers; each as the CA issued it (DER, never re-encoded). */
  certificateChain(): Promise<Uint8Array[]>;
  /**
   * A signature over a SHA-256 digest (of the CMS signed attributes), by the certificate's key:
   * RSA PKCS#1 v1.5, or ECDSA as a DER Ecdsa-Sig-Value (a token's raw r||s is converted).
   */
  signDigest(sha256: Uint8Array): Promise<Uint8Array>;
  /** Releases what it holds open (a token session); absent when there is nothing to release. */
  close?(): Promise<void>;
}

/** An RFC 3161 time-stamping authority: a token over a SHA-256 digest. */
export interface TimestampAuthority {
  /** A TimeStampToken (a CMS ContentInfo, DER) whose message imprint is `sha256`. */
  timestamp(sha256: Uint8Array): Promise<Uint8Array>;
}

/** The TSA did not answer, or answered no usable token: the signature is not made. */
export class TimestampUnavailable extends Error {}

export type SignerUnavailableCode =
  | "TOKEN_UNAVAILABLE"
  | "PIN_REJECTED"
  | "REMOTE_REFUSED"
  | "REMOTE_TIMEOUT"
  | "OTP_REQUIRED";

/**
 * A signer that cannot sign now: a token absent or locked, a remote-signing service that refused,
 * timed out or wants a one-time password. The result is not issued; `code` says why, for the API.
 */
export class SignerUnavailable extends Error {
  constructor(
    readonly code: SignerUnavailableCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
