import { describe, expect, it } from "vitest";
import { acceptedStep, needsSecondFactor, newTotpSecret, totpCode } from "../../src/casework/auth/totp.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const AT = Date.parse("2026-03-09T08:00:00+07:00");
const login = (username: string, password: string, totp?: string) =>
  t.call("POST", "/api/v1/auth/login", { body: { username, password, ...(totp ? { totp } : {}) } });
const create = (username: string, roles: string[]) =>
  t.call("POST", "/api/v1/officials", {
    as: "admin",
    body: {
      username,
      password: "mat-khau-rat-dai",
      fullName: "Cán bộ Thử",
      agencyCode: "DEMO.37.STP",
      roles,
    },
  });

describe("TOTP codes", () => {
  it("accepts the code of now and one step either side, never an older or reused step", () => {
    const s = newTotpSecret();
    const step = Math.floor(AT / 30_000);
    expect(acceptedStep(s, totpCode(s, AT), AT, null)).toBe(step);
    expect(acceptedStep(s, totpCode(s, AT - 30_000), AT, null)).toBe(step - 1);
    expect(acceptedStep(s, totpCode(s, AT + 30_000), AT, null)).toBe(step + 1);
    expect(acceptedStep(s, totpCode(s, AT - 90_000), AT, null)).toBeNull();
    expect(acceptedStep(s, totpCode(s, AT), AT, step)).toBeNull(); // replay
    expect(acceptedStep(s, "12345", AT, null)).toBeNull();
  });

  it("is required of the roles the deployment names, not of demo accounts", () => {
    const roles = ["leader", "clerk", "admin"] as const;
    expect(needsSecondFactor({ roles: ["leader"], isDemo: false }, roles)).toBe(true);
    expect(needsSecondFactor({ roles: ["specialist"], isDemo: false }, roles)).toBe(false);
    expect(needsSecondFactor({ roles: ["admin"], isDemo: true }, roles)).toBe(false);
  });
});

describe("signing in with a second factor", () => {
  it("a new leader is offered a secret, confirms it with a code, and needs a fresh code each time", async () => {
    expect((await create("ld.stp", ["leader"])).status).toBe(201);
    const first = await login("ld.stp", "mat-khau-rat-dai");
    expect([first.status, first.body.error.code]).toEqual([401, "AUTH_TOTP_ENROL"]);
    const { secret, address } = first.body.error.details;
    expect(address).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    // The same secret is offered until it is confirmed (the QR code scanned first keeps working).
    expect((await login("ld.stp", "mat-khau-rat-dai")).body.error.details.secret).toBe(secret);
    const wrong = await login("ld.stp", "mat-khau-rat-dai", "000000");
    expect(wrong.body.error.code).toBe("AUTH_TOTP_INVALID");
    const code = totpCode(secret, AT);
    const ok = await login("ld.stp", "mat-khau-rat-dai", code);
    expect(ok.status).toBe(200);
    expect((await login("ld.stp", "mat-khau-rat-dai", code)).body.error.code).toBe("AUTH_TOTP_INVALID");
    expect((await login("ld.stp", "mat-khau-rat-dai")).body.error.code).toBe("AUTH_TOTP_REQUIRED");
    t.setNow("2026-03-09T08:00:30+07:00");
    expect((await login("ld.stp", "mat-khau-rat-dai", totpCode(secret, AT + 30_000))).status).toBe(200);
    // A right code with a wrong password gives nothing away.
    expect((await login("ld.stp", "sai", totpCode(secret, AT + 60_000))).body.error.code).toBe(
      "AUTH_BAD_CREDENTIALS",
    );
    const row = await db
      .selectFrom("official")
      .selectAll()
      .where("username", "=", "ld.stp")
      .executeTakeFirstOrThrow();
    expect([row.totp_secret, row.totp_pending_secret]).toEqual([secret, null]);
  });

  it("wrong codes count as failures like wrong passwords, and asking for the code again does not forget them", async () => {
    expect((await create("vt.stp", ["clerk"])).status).toBe(201);
    await login("vt.stp", "mat-khau-rat-dai");
    const codes: string[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await login("vt.stp", "mat-khau-rat-dai", "111111")).body.error.code);
    codes.push((await login("vt.stp", "mat-khau-rat-dai")).body.error.code);
    for (let i = 0; i < 3; i++)
      codes.push((await login("vt.stp", "mat-khau-rat-dai", "111111")).body.error.code);
    expect(codes).toEqual([
      ...Array(3).fill("AUTH_TOTP_INVALID"),
      "AUTH_TOTP_ENROL",
      ...Array(2).fill("AUTH_TOTP_INVALID"),
      "AUTH_THROTTLED",
    ]);
  });

  it("a specialist signs in with the password alone, and demo accounts stay one-step in demo mode", async () => {
    expect((await create("cv.stp", ["specialist"])).status).toBe(201);
    expect((await login("cv.stp", "mat-khau-rat-dai")).status).toBe(200);
    expect((await login("admin", "demo")).status).toBe(200);
  });
});
