import { sql } from "kysely";
import { type AppError, appError } from "../common/app-error.ts";
import { err, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import { dossierErrors } from "../dossiers/dossier.errors.ts";
import { PIN_RULES, retryAfterMs, type ThrottleRules } from "./lockout.ts";

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

/** Charges this try; 0 when it may be checked, else the milliseconds to wait (answer 429). */
export async function beginAttempt(db: Db, rules: ThrottleRules, a: Attempt, now: Date): Promise<number> {
  const k = keys(a, now);
  // Sorted, so two statements lock the same rows in the same order (no deadlock).
  const charged = [
    { key: k.pair, forget: rules.pairForgetMs },
    { key: k.address, forget: rules.addressForgetMs },
  ].sort((x, y) => (x.key < y.key ? -1 : 1));
  const values = sql.join(
    charged.map(
      (c) =>
        sql`(${c.key}, 1, ${now}::timestamptz, NULL::timestamptz, ${new Date(now.getTime() + c.forget)}::timestamptz)`,
    ),
  );
  const r = await sql<Row>`
    WITH charged AS (
      INSERT INTO guess_throttle AS t (key, failures, last_at, prev_at, expires_at) VALUES ${values}
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.expires_at <= excluded.last_at THEN 1 ELSE t.failures + 1 END,
        prev_at = CASE WHEN t.expires_at <= excluded.last_at THEN NULL ELSE t.last_at END,
        last_at = excluded.last_at,
        expires_at = excluded.expires_at
      RETURNING key, failures, prev_at AS previous_at)
    SELECT key, failures, previous_at FROM charged
    UNION ALL
    SELECT key, failures, NULL FROM guess_throttle
    WHERE key IN (${k.subject}, ${k.global}) AND expires_at > ${now}`.execute(db);
  const row = (key: string) => r.rows.find((x) => x.key === key);
  const charge = (key: string) => ({
    tries: row(key)?.failures ?? 1,
    previousAt: row(key)?.previous_at ?? null,
  });
  return retryAfterMs(
    rules,
    {
      pair: charge(k.pair),
      address: charge(k.address),
      subjectFailures: row(k.subject)?.failures ?? 0,
      globalFailures: row(k.global)?.failures ?? 0,
    },
    now,
  );
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
