// Throttling guesses (pure): PINs on the citizens' pages, passwords and TOTP codes at sign-in.
// The guesser is slowed, never the owner: counters are kept per address and per address +
// subject (a dossier code, a username), so failures from one address never block another. The
// subject's own count and the whole site's count only take away the free tries of addresses
// that have already failed; a first try from a fresh address is always checked.
// An address is slowed by its failed tries only, never by tries still being checked: many
// officials behind one NAT address signing in at once all get in. What it may have in flight
// at once is bounded instead (addressInFlight), and is one try at a time once it must wait
// between tries, so a parallel burst cannot slip many checks past its budget.

export interface ThrottleRules {
  /** Tries of one address at one subject before each further one must wait. */
  pairFree: number;
  /** Wrong tries at one subject (from anywhere) after which its failed pairs get no free tries. */
  subjectFree: number;
  /** Failed tries of one address, whatever the subject, before each further one must wait. */
  addressFree: number;
  /** Tries of one address being checked at once, while it has free tries left. */
  addressInFlight: number;
  /** Wrong tries on the whole site in one hour after which addresses get no free tries. */
  globalFree: number;
  pairCapMs: number;
  addressCapMs: number;
  /** A counter forgets an address or pair this long after its last try. */
  pairForgetMs: number;
  addressForgetMs: number;
  subjectForgetMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Dossier and PAKN codes with a PIN (10⁶ values): tracking, rating, payment, PAKN. */
export const PIN_RULES: ThrottleRules = {
  pairFree: 5,
  subjectFree: 10,
  addressFree: 10,
  addressInFlight: 50,
  globalFree: 1_000,
  pairCapMs: HOUR,
  addressCapMs: 15 * MINUTE,
  pairForgetMs: 24 * HOUR,
  addressForgetMs: HOUR,
  subjectForgetMs: 24 * HOUR,
};

/** Officials' sign-in: wrong passwords and wrong TOTP codes. */
export const SIGN_IN_RULES: ThrottleRules = {
  pairFree: 5,
  subjectFree: 20,
  addressFree: 20,
  addressInFlight: 50,
  globalFree: 500,
  pairCapMs: HOUR,
  addressCapMs: 15 * MINUTE,
  pairForgetMs: 24 * HOUR,
  addressForgetMs: HOUR,
  subjectForgetMs: 24 * HOUR,
};

const FIRST_WAIT_MS = 1_000;
/** A try in flight is forgotten this long after it began (a crashed request gives nothing back). */
export const IN_FLIGHT_FORGET_MS = 60_000;
/** The wait told to a try refused because its address has too many tries in flight. */
export const BUSY_WAIT_MS = 1_000;

/** How long a counter waits after `failures` tries, `free` of them without waiting: 1 s, 2 s, 4 s… */
export function waitMs(failures: number, free: number, capMs: number): number {
  if (failures < free) return 0;
  return Math.min(capMs, FIRST_WAIT_MS * 2 ** Math.min(40, failures - free));
}

/** A counter as charged for this try: tries counted so far, this one included, and the one before. */
export interface Charged {
  tries: number;
  previousAt: Date | null;
}

/** Free tries of an address at a subject: none once the subject itself has had too many failures. */
export const pairFree = (rules: ThrottleRules, subjectFailures: number) =>
  subjectFailures >= rules.subjectFree ? 0 : rules.pairFree;

/** Free tries of an address: none while the whole site is being guessed at. */
export const addressFree = (rules: ThrottleRules, globalFailures: number) =>
  globalFailures >= rules.globalFree ? 0 : rules.addressFree;

/**
 * 0 when this try came late enough after the one before; otherwise how long to wait before the
 * next (this try was counted too, so hammering without waiting only waits longer).
 */
export function tooEarlyMs(c: Charged, free: number, capMs: number, now: Date): number {
  if (c.previousAt === null) return 0;
  if (now.getTime() >= c.previousAt.getTime() + waitMs(c.tries - 1, free, capMs)) return 0;
  return waitMs(c.tries, free, capMs);
}

/** An address's failed tries as counted: how many, and when the last one failed. */
export interface Failures {
  failures: number;
  lastAt: Date | null;
}

/** 0 when the address may try now, else how long until it may: counted from its last failure. */
export function addressWaitMs(f: Failures, free: number, capMs: number, now: Date): number {
  if (f.lastAt === null) return 0;
  return Math.max(0, f.lastAt.getTime() + waitMs(f.failures, free, capMs) - now.getTime());
}

/**
 * Tries of an address that may be checked at once: the rules' bound while it has free tries
 * left, one once it has failed past them (the one try its wait lets through).
 */
export const inFlightLimit = (rules: ThrottleRules, f: Failures, free: number) =>
  f.failures > 0 && f.failures >= free ? 1 : rules.addressInFlight;
