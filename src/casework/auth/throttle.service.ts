import { sql } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { dossierErrors } from "../dossiers/dossier.errors.ts";
import { throttleErrors } from "./auth.errors.ts";
import {
  addressFree,
  addressWaitMs,
  BUSY_WAIT_MS,
  type Charged,
  type Failures,
  IN_FLIGHT_FORGET_MS,
  inFlightLimit,
  PIN_RULES,
  pairFree,
  type ThrottleRules,
  tooEarlyMs,
  waitMs,
} from "./lockout.ts";

// Guess counters in PostgreSQL (table guess_throttle), so every app node sees the same counts.
// An address is charged for its failed tries only (attemptFailed), with the subject and the
// hour; beginAttempt reads that count and makes the address wait after its last failure. Tries
// still being checked are not failures: officials behind one NAT address signing in at once
// never refuse one another. Bursts are held by two counters charged before the secret is
// checked: the address + subject pair (parallel tries at one username or code line up on its
// row, a right secret gives the charge back) and the address's tries in flight (at most
// `addressInFlight` at once, one at a time once the address must wait between tries; every
// try gives its charge back when it ends, and the count is forgotten a minute after it
// started, so a crashed request cannot hold it for long).

export interface Attempt {
  scope: "pin" | "sign-in";
  address: string;
  /** The dossier or PAKN code, or the username, as typed (known or not: the same counting). */
  subject: string;
}

const HOUR = 3_600_000;
const keys = (a: Attempt, now: Date) => ({
  pair: `${a.scope}|pair|${a.address}|${a.subject}`,
  address: `${a.scope}|address|${a.address}`,
  inFlight: `${a.scope}|in-flight|${a.address}`,
  subject: `${a.scope}|subject|${a.subject}`,
  global: `${a.scope}|hour|${Math.floor(now.getTime() / HOUR)}`,
});

interface Row {
  key: string;
  failures: number;
  last_at: Date | null;
}

/**
 * Adds this try to the address's tries in flight and reads the rows of `read` as they are
 * (counts forgotten are read as none). The count in flight is the one after this try, exact:
 * parallel tries line up on its row. A count in flight starts again once a minute has passed
 * since it started, whatever came since.
 */
async function chargeInFlight(db: Db, key: string, now: Date, read: string[]) {
  const r = await sql<Row>`
    WITH charged AS (
      INSERT INTO guess_throttle AS t (key, failures, last_at, expires_at)
      VALUES (${key}, 1, ${now}, ${new Date(now.getTime() + IN_FLIGHT_FORGET_MS)})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.expires_at <= excluded.last_at THEN 1 ELSE t.failures + 1 END,
        last_at = excluded.last_at,
        expires_at = CASE WHEN t.expires_at <= excluded.last_at THEN excluded.expires_at ELSE t.expires_at END
      RETURNING key, failures, last_at)
    SELECT key, failures, last_at FROM charged
    UNION ALL
    SELECT key, failures, last_at FROM guess_throttle
    WHERE key = ANY(${read}::text[]) AND expires_at > ${now}`.execute(db);
  return { inFlight: r.rows.find((x) => x.key === key)?.failures ?? 1, ...reader(r.rows) };
}

/** The rows of `keys` as they are now. */
async function read(db: Db, keys: string[], now: Date) {
  const r = await sql<Row>`
    SELECT key, failures, last_at FROM guess_throttle
    WHERE key = ANY(${keys}::text[]) AND expires_at > ${now}`.execute(db);
  return reader(r.rows);
}

/** A counter's count and when it was last charged (a forgotten one: none, never). */
const reader = (rows: Row[]) => ({
  counted: (k: string): Failures => {
    const row = rows.find((x) => x.key === k);
    return { failures: row?.failures ?? 0, lastAt: row?.last_at ?? null };
  },
});

/** Adds this try to the pair's counter (started again once forgotten): its tries and the one before. */
async function chargePair(db: Db, key: string, forgetMs: number, now: Date): Promise<Charged> {
  const r = await sql<{ failures: number; prev_at: Date | null }>`
    INSERT INTO guess_throttle AS t (key, failures, last_at, expires_at)
    VALUES (${key}, 1, ${now}, ${new Date(now.getTime() + forgetMs)})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.expires_at <= excluded.last_at THEN 1 ELSE t.failures + 1 END,
      prev_at = CASE WHEN t.expires_at <= excluded.last_at THEN NULL ELSE t.last_at END,
      last_at = excluded.last_at,
      expires_at = excluded.expires_at
    RETURNING failures, prev_at`.execute(db);
  return { tries: r.rows[0]?.failures ?? 1, previousAt: r.rows[0]?.prev_at ?? null };
}

/** Takes one try back from a counter (one row per statement, so no two statements wait on each other). */
async function giveBack(db: Db, key: string, now: Date) {
  await sql`
    UPDATE guess_throttle SET failures = GREATEST(failures - 1, 0)
    WHERE key = ${key} AND expires_at > ${now}`.execute(db);
}

/**
 * 0 when the secret may be checked (the try is then in flight until attemptSucceeded or
 * attemptFailed), else the milliseconds to wait (answer 429). The address must wait after its
 * failures; only then is the try charged to its pair (so an address already refused leaves no
 * row per code it sweeps), and refused if too many of the address's tries are in flight.
 */
export async function beginAttempt(db: Db, rules: ThrottleRules, a: Attempt, now: Date): Promise<number> {
  const k = keys(a, now);
  // Counted in flight and read in one statement: the count in flight is exact (tries line up on
  // its row), the counts read are at most as old as this statement's wait for that row.
  const seen = await chargeInFlight(db, k.inFlight, now, [k.address, k.subject, k.global, k.pair]);
  const free = addressFree(rules, seen.counted(k.global).failures);
  const freeOfPair = pairFree(rules, seen.counted(k.subject).failures);
  const address = seen.counted(k.address);
  let addressWait = addressWaitMs(address, free, rules.addressCapMs, now);
  const limit = inFlightLimit(rules, address, free);
  if (addressWait === 0 && limit === 1) {
    // One at a time: read again, now that this try is in flight, so the failure of a try that
    // ended just before is counted (a count read earlier can only make the wait shorter).
    addressWait = addressWaitMs(
      (await read(db, [k.address], now)).counted(k.address),
      free,
      rules.addressCapMs,
      now,
    );
  }
  if (addressWait > 0) {
    await giveBack(db, k.inFlight, now);
    // Say the longer wait: the pair's own, as it stands, may end later.
    const pair = seen.counted(k.pair);
    const pairWait = waitMs(pair.failures, freeOfPair, rules.pairCapMs);
    return Math.max(addressWait, pair.lastAt ? pair.lastAt.getTime() + pairWait - now.getTime() : 0);
  }
  if (seen.inFlight > limit) {
    await giveBack(db, k.inFlight, now);
    return BUSY_WAIT_MS;
  }
  const pair = await chargePair(db, k.pair, rules.pairForgetMs, now);
  if (tooEarlyMs(pair, freeOfPair, rules.pairCapMs, now) === 0) return 0;
  // Refused before any check, so no guess was made: the pair's count and clock go back, and a
  // citizen retrying too early is told the same wait again instead of a doubled one.
  await giveBack(db, k.inFlight, now);
  await unchargePair(db, k.pair);
  const since = pair.previousAt ?? now;
  return since.getTime() + waitMs(pair.tries - 1, freeOfPair, rules.pairCapMs) - now.getTime();
}

/** Takes back a pair's charge for a try refused before its check. */
async function unchargePair(db: Db, key: string): Promise<void> {
  await sql`
    UPDATE guess_throttle SET failures = GREATEST(failures - 1, 0), last_at = COALESCE(prev_at, last_at)
    WHERE key = ${key}`.execute(db);
}

/**
 * The secret was right: the try is no longer in flight and the pair starts again. With `partly`
 * (a right password still waiting for its TOTP code) the pair only gets the try back, so asking
 * for the code does not wipe the count of wrong codes. The address's failures stay as they are.
 */
export async function attemptSucceeded(db: Db, a: Attempt, now: Date, partly = false): Promise<void> {
  const k = keys(a, now);
  if (partly) await giveBack(db, k.pair, now);
  else await sql`DELETE FROM guess_throttle WHERE key = ${k.pair}`.execute(db);
  await giveBack(db, k.inFlight, now);
}

/** The check did not finish (it threw): neither right nor wrong, the try is given back. */
export async function attemptAbandoned(db: Db, a: Attempt, now: Date): Promise<void> {
  await attemptSucceeded(db, a, now, true).catch(() => undefined); // the database may be what failed
}

/** Runs a check of a secret let in by beginAttempt, giving the try back if the check throws. */
export async function checking<T>(db: Db, a: Attempt, now: Date, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    await attemptAbandoned(db, a, now);
    throw e;
  }
}

/**
 * The secret was wrong (or the subject unknown): counted against the address, the subject and
 * the hour, then the try is no longer in flight (in that order, so a try let in because this
 * one ended reads its failure).
 */
export async function attemptFailed(db: Db, rules: ThrottleRules, a: Attempt, now: Date): Promise<void> {
  const k = keys(a, now);
  const hourEnds = new Date((Math.floor(now.getTime() / HOUR) + 1) * HOUR);
  const counted = [
    { key: k.address, expires: new Date(now.getTime() + rules.addressForgetMs) },
    { key: k.subject, expires: new Date(now.getTime() + rules.subjectForgetMs) },
    { key: k.global, expires: hourEnds },
  ].sort((x, y) => (x.key < y.key ? -1 : 1));
  const values = sql.join(
    counted.map((c) => sql`(${c.key}, 1, ${now}::timestamptz, ${c.expires}::timestamptz)`),
  );
  const r = await sql<{ key: string; failures: number }>`
    INSERT INTO guess_throttle AS t (key, failures, last_at, expires_at) VALUES ${values}
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.expires_at <= excluded.last_at THEN 1 ELSE t.failures + 1 END,
      last_at = excluded.last_at,
      expires_at = GREATEST(t.expires_at, excluded.expires_at)
    RETURNING key, failures`.execute(db);
  await giveBack(db, k.inFlight, now);
  // The first failure of an hour clears the rows nobody remembers any more.
  if (r.rows.some((x) => x.key === k.global && x.failures === 1)) {
    await sql`DELETE FROM guess_throttle WHERE expires_at <= ${now}`.execute(db);
  }
}

/**
 * A check of a code + PIN under the shared budget: `wrong` names the errors that mean "no
 * such code or wrong PIN" (they count); any other answer means the PIN was right.
 */
export async function guardedPinCheck<T>(
  db: Db,
  attempt: Omit<Attempt, "scope">,
  now: Date,
  check: () => Promise<Result<T, AppError>>,
  wrong: readonly string[] = [dossierErrors.badPin().code],
): Promise<Result<T, AppError>> {
  const a: Attempt = { scope: "pin", ...attempt };
  const wait = await beginAttempt(db, PIN_RULES, a, now);
  if (wait > 0) return err(throttleErrors.pin(wait));
  const r = await checking(db, a, now, check);
  if (!r.ok && wrong.includes(r.error.code)) await attemptFailed(db, PIN_RULES, a, now);
  else await attemptSucceeded(db, a, now);
  return r;
}
