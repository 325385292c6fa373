import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { type AppError, appError } from "../common/app-error.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import type { Actor } from "../dossiers/lifecycle.ts";
import type { Role } from "../processes/process.types.ts";
import { lockoutMs } from "./lockout.ts";

const TOKEN_TTL_MS = 12 * 3_600_000;
let dummyHash: Promise<string> | undefined;

export interface Official extends Actor {
  id: number;
  username: string;
  fullName: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Username + password → a bearer token valid for 12 hours. Wrong passwords in a row lock the
 * account for a while (lockout.ts), even against the right password.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
): Promise<Result<{ token: string; expiresAt: Date; official: Official }, AppError>> {
  const row = await db
    .selectFrom("official")
    .selectAll()
    .where("username", "=", username.trim().toLowerCase())
    .where("active", "=", true)
    .executeTakeFirst();
  // Verify against a real hash even for unknown users, so timing does not reveal which exist.
  dummyHash ??= hash(randomBytes(16).toString("hex"));
  if (row?.locked_until && row.locked_until > now) return err(authErrors.locked(row.locked_until, now));
  const good = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!row) return err(authErrors.badCredentials());
  if (!good) {
    // Counted in the database, so every app process sees the same count.
    const r = await db
      .updateTable("official")
      .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
      .where("id", "=", row.id)
      .returning("failed_logins")
      .executeTakeFirstOrThrow();
    const wait = lockoutMs(r.failed_logins);
    if (wait > 0) {
      const until = new Date(now.getTime() + wait);
      await db.updateTable("official").set({ locked_until: until }).where("id", "=", row.id).execute();
      return err(authErrors.locked(until, now));
    }
    return err(authErrors.badCredentials());
  }
  if (row.failed_logins > 0 || row.locked_until) {
    await db
      .updateTable("official")
      .set({ failed_logins: 0, locked_until: null })
      .where("id", "=", row.id)
      .execute();
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await db
    .insertInto("auth_token")
    .values({ token_hash: hashToken(token), official_id: row.id, expires_at: expiresAt })
    .execute();
  return ok({ token, expiresAt, official: toOfficial(row) });
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

function toOfficial(row: {
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

export const authErrors = {
  badCredentials: (): AppError =>
    appError(
      "AUTH_BAD_CREDENTIALS",
      401,
      "Tên đăng nhập hoặc mật khẩu không đúng.",
      "Wrong username or password.",
    ),
  locked: (until: Date, now: Date): AppError =>
    appError(
      "AUTH_LOCKED",
      429,
      `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau ${Math.ceil((until.getTime() - now.getTime()) / 60_000)} phút hoặc liên hệ quản trị.`,
      "Too many wrong passwords: the account is locked for a while.",
      { lockedUntil: until.toISOString() },
    ),
  required: (): AppError =>
    appError(
      "AUTH_REQUIRED",
      401,
      "Cần đăng nhập (Authorization: Bearer <token>).",
      "Authentication required.",
    ),
};
