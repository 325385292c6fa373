import { createHmac, timingSafeEqual } from "node:crypto";

// Signed, expiring download links: DVCQG and citizens fetch files without an account.

export function signFile(secret: string, fileId: string, expiresAtSec: number): string {
  return createHmac("sha256", secret).update(`${fileId}.${expiresAtSec}`).digest("base64url");
}

export function signedFilePath(secret: string, fileId: string, expiresAtSec: number): string {
  return `/api/v1/files/${fileId}?exp=${expiresAtSec}&sig=${signFile(secret, fileId, expiresAtSec)}`;
}

export function verifyFileSignature(
  secret: string,
  fileId: string,
  expiresAtSec: number,
  sig: string,
  nowSec: number,
): "ok" | "expired" | "invalid" {
  const expected = Buffer.from(signFile(secret, fileId, expiresAtSec));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return nowSec > expiresAtSec ? "expired" : "ok";
}
