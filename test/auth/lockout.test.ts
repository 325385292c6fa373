import { describe, expect, it } from "vitest";
import { FREE_FAILURES, lockoutMs } from "../../src/auth/lockout.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const login = (password: string) =>
  t.call("POST", "/api/v1/auth/login", { body: { username: "clerk", password } });

describe("sign-in lockout", () => {
  it("waits longer after each further wrong password, up to an hour", () => {
    expect([4, 5, 6, 7, 20].map(lockoutMs)).toEqual([0, 60_000, 120_000, 240_000, 3_600_000]);
    expect(FREE_FAILURES).toBe(5);
  });

  it("locks the account after five wrong passwords, even against the right one, and forgets on success", async () => {
    for (let i = 1; i < FREE_FAILURES; i++) {
      const r = await login("sai-mat-khau");
      expect([r.status, r.body.error.code]).toEqual([401, "AUTH_BAD_CREDENTIALS"]);
    }
    const fifth = await login("sai-mat-khau");
    expect([fifth.status, fifth.body.error.code]).toEqual([429, "AUTH_LOCKED"]);
    expect(fifth.body.error.message).toContain("1 phút");
    const right = await login("demo");
    expect([right.status, right.body.error.code]).toEqual([429, "AUTH_LOCKED"]);
    t.setNow("2026-03-09T08:01:01+07:00");
    expect((await login("demo")).status).toBe(200);
    const row = await db
      .selectFrom("official")
      .select(["failed_logins", "locked_until"])
      .where("username", "=", "clerk")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    // Unknown users are told the same as a wrong password.
    const nobody = await t.call("POST", "/api/v1/auth/login", {
      body: { username: "khong-co", password: "x" },
    });
    expect(nobody.body.error.code).toBe("AUTH_BAD_CREDENTIALS");
  });
});
