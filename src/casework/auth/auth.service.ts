import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Official } from "../../kernel/caller.ts";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { type AuthErrorCode, authErrors } from "./auth.errors.ts";
import { SIGN_IN_RULES } from "./lockout.ts";
import { type Attempt, attemptFailed, attemptSucceeded, beginAttempt, checking } from "./throttle.service.ts";
import { acceptedStep, needsSecondFactor, newTotpSecret, totpAddress } from "./totp.ts";

const TOKEN_TTL_MS = 12 * 3_600_000;
let dummyHash: Promise<string> | undefined;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Username + password (and a TOTP code for the roles the deployment names) → a bearer token
 * valid for 12 hours. Wrong passwords or codes slow the address that sends them, per address
 * and per address + username (lockout.ts), never the account itself: a stranger's failures do
 * not stop the official signing in from elsewhere, and officials signing in at once from one
 * address (a service centre behind one NAT address) do not slow one another: only failures
 * count. Unknown usernames are counted and answered exactly like known ones. An official who
 * must use a second factor and has none is offered a secret; the first good code confirms it.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
  second: { code?: string; roles: readonly Role[]; issuer: string } = { roles: [], issuer: "motcua" },
  address = "unknown",
): Promise<Result<{ token: string; expiresAt: Date; official: Official }, AppError>> {
  const name = username.trim().toLowerCase();
  const attempt: Attempt = { scope: "sign-in", address, subject: name };
  const wait = await beginAttempt(db, SIGN_IN_RULES, attempt, now);
  if (wait > 0) return err(authErrors.throttled(wait));
  const r = await checking(db, attempt, now, () => checkCredentials(db, name, password, now, second));
  if (r.ok) await attemptSucceeded(db, attempt, now);
  else if (r.error.code === "AUTH_BAD_CREDENTIALS" || r.error.code === "AUTH_TOTP_INVALID") {
    await attemptFailed(db, SIGN_IN_RULES, attempt, now);
  } else await attemptSucceeded(db, attempt, now, true);
  return r;
}

async function checkCredentials(
  db: Db,
  username: string,
  password: string,
  now: Date,
  second: { code?: string; roles: readonly Role[]; issuer: string },
): Promise<Result<{ token: string; expiresAt: Date; official: Official }, AppError<AuthErrorCode>>> {
  const row = await db
    .selectFrom("official")
    .selectAll()
    .where("username", "=", username)
    .where("active", "=", true)
    .executeTakeFirst();
  // Verify against a real hash even for unknown users, so timing does not reveal which exist.
  dummyHash ??= hash(randomBytes(16).toString("hex"));
  const good = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!row || !good) return err(authErrors.badCredentials());
  const official = toOfficial(row);
  if (needsSecondFactor({ roles: official.roles, isDemo: row.is_demo }, second.roles)) {
    const secret = row.totp_secret ?? row.totp_pending_secret;
    if (!second.code) {
      if (row.totp_secret) return err(authErrors.codeRequired());
      const offered = secret ?? newTotpSecret();
      if (!secret)
        await db
          .updateTable("official")
          .set({ totp_pending_secret: offered })
          .where("id", "=", row.id)
          .execute();
      return err(authErrors.enrol(offered, totpAddress(offered, row.username, second.issuer)));
    }
    const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
    const step = secret ? acceptedStep(secret, second.code, now.getTime(), last) : null;
    if (step === null) return err(authErrors.badCode());
    // Conditional on the last step, so two sign-ins racing with one code cannot both pass.
    const used = await db
      .updateTable("official")
      .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step })
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", String(step))]))
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) return err(authErrors.badCode());
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await db
    .insertInto("auth_token")
    .values({ token_hash: hashToken(token), official_id: row.id, expires_at: expiresAt })
    .execute();
  return ok({ token, expiresAt, official });
}

export async function officialForToken(db: Db, token: string, now = new Date()): Promise<Official | null> {
  const row = await db
    .selectFrom("auth_token as t")
    .innerJoin("official as o", "o.id", "t.official_id")
    .selectAll("o")
    .where("t.token_hash", "=", hashToken(token))
    .where("t.expires_at", ">", now)
    .where("o.active", "=", true)
    .executeTakeFirst();
  return row ? toOfficial(row) : null;
}

export function toOfficial(row: {
  id: number;
  username: string;
  full_name: string;
  agency_code: string;
  roles: string[];
}): Official {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    agencyCode: row.agency_code,
    roles: row.roles as Role[],
  };
}
