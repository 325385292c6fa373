import { Secret, TOTP } from "otpauth";
import type { Role } from "../../reference/processes/process.types.ts";

/**
 * Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s), as authenticator apps expect.
 * A code is accepted one step either side of now (clock drift), and only for a step later than
 * the last one used, so an overheard code cannot be replayed.
 */
const totp = (secret: string, label = "") =>
  new TOTP({ issuer: "motcua", label, secret: Secret.fromBase32(secret), digits: 6, period: 30 });

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from a QR code. */
export function totpAddress(secret: string, username: string, issuer: string): string {
  return new TOTP({
    issuer,
    label: username,
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).toString();
}

/** The time step a good code was made for, or null for a wrong, stale or replayed code. */
export function acceptedStep(
  secret: string,
  code: string,
  nowMs: number,
  lastStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secret);
  const delta = t.validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const step = t.counter({ timestamp: nowMs }) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code for a moment (tests and the CLI's enrolment check). */
export function totpCode(secret: string, nowMs: number): string {
  return totp(secret).generate({ timestamp: nowMs });
}

/**
 * Whether an official must give a second factor: any role the deployment lists. Demo accounts
 * (demo mode only, public password) are exempt, or the demo could not be opened.
 */
export function needsSecondFactor(
  official: { roles: readonly Role[]; isDemo: boolean },
  totpRoles: readonly Role[],
): boolean {
  return !official.isDemo && official.roles.some((r) => totpRoles.includes(r));
}
