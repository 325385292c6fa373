import { describe, expect, it } from "vitest";
import {
  addressFree,
  addressWaitMs,
  inFlightLimit,
  pairFree,
  SIGN_IN_RULES,
  tooEarlyMs,
  waitMs,
} from "../../src/casework/auth/lockout.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const START = "2026-03-09T08:00:00+07:00";
const t = await testApp(db, START);
const signIn = async (username: string, password: string, from: string) => {
  const r = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password },
    remoteAddress: from,
  });
  return { status: r.statusCode, body: r.json(), retryAfter: r.headers["retry-after"] ?? null };
};
const FREE = SIGN_IN_RULES.pairFree;
const at = (seconds: number) => t.setNow(new Date(Date.parse(START) + seconds * 1000).toISOString());

describe("sign-in throttling", () => {
  it("after the free tries each further one waits twice as long, up to an hour", () => {
    const cap = SIGN_IN_RULES.pairCapMs;
    expect([4, 5, 6, 7, 40].map((f) => waitMs(f, 5, cap))).toEqual([0, 1_000, 2_000, 4_000, 3_600_000]);
  });

  it("a subject's or the site's many failures take free tries away only from addresses that already failed", () => {
    const now = new Date(Date.parse(START));
    const rules = SIGN_IN_RULES;
    const justBefore = new Date(now.getTime() - 500);
    expect(pairFree(rules, rules.subjectFree - 1)).toBe(rules.pairFree);
    expect(pairFree(rules, rules.subjectFree)).toBe(0);
    expect(addressFree(rules, rules.globalFree)).toBe(0);
    // A first try is always checked, however many failures the account has had.
    expect(tooEarlyMs({ tries: 1, previousAt: null }, 0, rules.pairCapMs, now)).toBe(0);
    // A second one half a second after a failure waits, once the free tries are gone.
    expect(tooEarlyMs({ tries: 2, previousAt: justBefore }, 0, rules.pairCapMs, now)).toBe(4_000);
    expect(tooEarlyMs({ tries: 2, previousAt: justBefore }, rules.pairFree, rules.pairCapMs, now)).toBe(0);
  });

  it("an address waits after its failures only, from its last one; past its free tries, one try at a time is checked", () => {
    const rules = SIGN_IN_RULES;
    const now = new Date(Date.parse(START));
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const free = rules.addressFree;
    expect(addressWaitMs({ failures: 0, lastAt: null }, 0, rules.addressCapMs, now)).toBe(0);
    expect(addressWaitMs({ failures: free - 1, lastAt: now }, free, rules.addressCapMs, now)).toBe(0);
    expect(addressWaitMs({ failures: free, lastAt: ago(300) }, free, rules.addressCapMs, now)).toBe(700);
    expect(addressWaitMs({ failures: free + 1, lastAt: ago(2_000) }, free, rules.addressCapMs, now)).toBe(0);
    expect(inFlightLimit(rules, { failures: free - 1, lastAt: now }, free)).toBe(rules.addressInFlight);
    expect(inFlightLimit(rules, { failures: free, lastAt: ago(60_000) }, free)).toBe(1);
    // The site under attack takes no tries in flight from an address that never failed.
    expect(inFlightLimit(rules, { failures: 0, lastAt: null }, 0)).toBe(rules.addressInFlight);
  });

  it("a stranger's wrong passwords slow the stranger, not the official signing in from elsewhere", async () => {
    for (let i = 0; i < FREE; i++) {
      const r = await signIn("clerk", "sai-mat-khau", "10.0.0.1");
      expect([r.status, r.body.error.code]).toEqual([401, "AUTH_BAD_CREDENTIALS"]);
    }
    const next = await signIn("clerk", "sai-mat-khau", "10.0.0.1");
    expect([next.status, next.body.error.code]).toEqual([429, "AUTH_THROTTLED"]);
    expect(Number(next.retryAfter)).toBe(next.body.error.details.retryAfterSeconds);
    // The stranger cannot try the right password either, but the official elsewhere can.
    expect((await signIn("clerk", "demo", "10.0.0.1")).status).toBe(429);
    expect((await signIn("clerk", "demo", "10.0.0.2")).status).toBe(200);
  });

  it("an unknown account, a wrong password and a throttled account get the same answers", async () => {
    const story = async (username: string, from: string) => {
      const out = [];
      for (let i = 0; i < FREE + 2; i++) out.push(await signIn(username, "sai-mat-khau", from));
      return out;
    };
    const known = await story("desk", "10.0.1.1");
    const unknown = await story("desk.khong-co", "10.0.1.2");
    expect(unknown).toEqual(known);
    expect(known.map((r) => r.status)).toEqual([...Array(FREE).fill(401), 429, 429]);
    expect(JSON.stringify(known)).not.toMatch(/khóa|locked/i);
  });

  it("waiting as told lets the next try through, and each further failure doubles the wait", async () => {
    at(0);
    for (let i = 0; i < FREE; i++) await signIn("specialist", "sai", "10.0.2.1");
    const first = await signIn("specialist", "sai", "10.0.2.1");
    expect(first.status).toBe(429);
    const clock = Number(first.retryAfter);
    at(clock);
    expect((await signIn("specialist", "sai", "10.0.2.1")).status).toBe(401);
    const second = await signIn("specialist", "sai", "10.0.2.1");
    expect(Number(second.retryAfter)).toBeGreaterThan(Number(first.retryAfter));
    at(clock + Number(second.retryAfter));
    expect((await signIn("specialist", "demo", "10.0.2.1")).status).toBe(200);
    at(0);
  });

  it("many addresses failing on one account use up its looser ceiling: a failed address then waits after one failure, a fresh one still signs in", async () => {
    const addresses = Math.ceil(SIGN_IN_RULES.subjectFree / FREE);
    for (let a = 0; a < addresses; a++)
      for (let i = 0; i < FREE; i++) await signIn("head", "sai", `10.0.3.${a + 1}`);
    expect((await signIn("head", "sai", "10.0.4.1")).status).toBe(401);
    expect((await signIn("head", "sai", "10.0.4.1")).status).toBe(429);
    expect((await signIn("head", "demo", "10.0.4.2")).status).toBe(200);
  });

  it("one address spraying many usernames is slowed by its own budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await signIn(`desk.${10000 + i}`, "123456", "10.0.5.1")).status);
    const first = statuses.indexOf(429);
    expect(first).toBe(SIGN_IN_RULES.addressFree);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
  });
});
