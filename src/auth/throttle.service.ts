import { sql } from "kysely";
import { type AppError, appError } from "../common/app-error.ts";
import { err, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import { dossierErrors } from "../dossiers/dossier.errors.ts";
import { addressFree, PIN_RULES, pairFree, type ThrottleRules, tooEarlyMs, waitMs } from "./lockout.ts";

// Guess counters in PostgreSQL (table guess_throttle), so every app node sees the same counts.
// A try is charged to its address and address + subject before the secret is checked: parallel
// tries line up on the rows' locks, so a burst cannot slip past a budget. A right secret gives
// the charge back; a wrong one is also counted against the subject and the hour.

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
  subject: `${a.scope}|subject|${a.subject}`,
  global: `${a.scope}|hour|${Math.floor(now.getTime() / HOUR)}`,
});

interface Row {
  key: string;
  failures: number;
  previous_at: Date | null;
}

/** Adds this try to a counter (started again once forgotten); the rows of `read` come back as they are. */
async function charge(db: Db, key: string, forgetMs: number, now: Date, read: string[]) {
  const r = await sql<Row>`
    WITH charged AS (
      INSERT INTO guess_throttle AS t (key, failures, last_at, expires_at)
      VALUES (${key}, 1, ${now}, ${new Date(now.getTime() + forgetMs)})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.expires_at <= excluded.last_at THEN 1 ELSE t.failures + 1 END,
        prev_at = CASE WHEN t.expires_at <= excluded.last_at THEN NULL ELSE t.last_at END,
        last_at = excluded.last_at,
        expires_at = excluded.expires_at
      RETURNING key, failures, prev_at AS previous_at)
    SELECT key, failures, previous_at FROM charged
    UNION ALL
    SELECT key, failures, last_at FROM guess_throttle
    WHERE key = ANY(${read}::text[]) AND expires_at > ${now}`.execute(db);
  const row = (k: string) => r.rows.find((x) => x.key === k);
  const c = row(key);
  return {
    charged: { tries: c?.failures ?? 1, previousAt: c?.previous_at ?? null },
    failures: (k: string) => row(k)?.failures ?? 0,
    /** When a counter only read was last charged. */
    lastAt: (k: string) => row(k)?.previous_at ?? null,
  };
}

/**
 * Charges this try to its address, then, if the address may try now, to its address + subject
 * (so an address already refused leaves no row per code it sweeps). 0 when the secret may be
 * checked, else the milliseconds to wait (answer 429).
 */
export async function beginAttempt(db: Db, rules: ThrottleRules, a: Attempt, now: Date): Promise<number> {
  const k = keys(a, now);
  const address = await charge(db, k.address, rules.addressForgetMs, now, [k.subject, k.global, k.pair]);
  const free = addressFree(rules, address.failures(k.global));
  const addressWait = tooEarlyMs(address.charged, free, rules.addressCapMs, now);
  const freeOfPair = pairFree(rules, address.failures(k.subject));
  if (addressWait > 0) {
    // Say the longer wait: the pair's own, as it stands, may end later.
    const pairAt = address.lastAt(k.pair);
    const pairWait = waitMs(address.failures(k.pair), freeOfPair, rules.pairCapMs);
    return Math.max(addressWait, pairAt ? pairAt.getTime() + pairWait - now.getTime() : 0);
  }
  const pair = await charge(db, k.pair, rules.pairForgetMs, now, []);
  const pairWait = tooEarlyMs(pair.charged, freeOfPair, rules.pairCapMs, now);
  // Refused by the pair: the address's count has grown too, so say the longer of the two waits.
  return pairWait > 0 ? Math.max(pairWait, waitMs(address.charged.tries, free, rules.addressCapMs)) : 0;
}

/**
 * The secret was right: the address gets its try back and the pair starts again. With `partly`
 * (a right password still waiting for its TOTP code) the pair only gets the try back, so asking
 * for the code does not wipe the count of wrong codes.
 */
export async function attemptSucceeded(db: Db, a: Attempt, now: Date, partly = false): Promise<void> {
  const k = keys(a, now);
  await sql`
    UPDATE guess_throttle SET failures = GREATEST(failures - 1, 0)
    WHERE key = ${k.address} OR (${partly} AND key = ${k.pair})`.execute(db);
  if (!partly) await sql`DELETE FROM guess_throttle WHERE key = ${k.pair}`.execute(db);
}

/** The secret was wrong (or the subject unknown): counted against the subject and the hour. */
export async function attemptFailed(db: Db, rules: ThrottleRules, a: Attempt, now: Date): Promise<void> {
  const k = keys(a, now);
  const hourEnds = new Date((Math.floor(now.getTime() / HOUR) + 1) * HOUR);
  const counted = [
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
  // The first failure of an hour clears the rows nobody remembers any more.
  if (r.rows.some((x) => x.key === k.global && x.failures === 1)) {
    await sql`DELETE FROM guess_throttle WHERE expires_at <= ${now}`.execute(db);
  }
}

export const throttleErrors = {
  pin: (waitMs: number): AppError =>
    appError(
      "TOO_MANY_GUESSES",
      429,
      `Bạn đã nhập sai mã hồ sơ hoặc mã tra cứu quá nhiều lần; vui lòng thử lại sau ${seconds(waitMs)} giây.`,
      `Too many wrong codes or PINs; try again in ${seconds(waitMs)} seconds.`,
      { retryAfterSeconds: seconds(waitMs) },
    ),
};

export const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

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
  const r = await check();
  if (!r.ok && wrong.includes(r.error.code)) await attemptFailed(db, PIN_RULES, a, now);
  else await attemptSucceeded(db, a, now);
  return r;
}
