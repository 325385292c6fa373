// Sign-in lockout (pure): after repeated wrong passwords an account waits before it may try again,
// longer each time, so guessing one official's password takes years, not hours.

/** Wrong passwords allowed in a row before the first wait. */
export const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 60_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** How long the account waits after this many failures in a row (0: none). */
export function lockoutMs(failuresInARow: number): number {
  if (failuresInARow < FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failuresInARow - FREE_FAILURES));
}
