import { describe, expect, it } from "vitest";
import { IN_FLIGHT_FORGET_MS, PIN_RULES, SIGN_IN_RULES } from "../../src/casework/auth/lockout.ts";
import {
  type Attempt,
  attemptFailed,
  attemptSucceeded,
  beginAttempt,
} from "../../src/casework/auth/throttle.service.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

// A provincial service centre behind one NAT address at 07:30: its officials sign in at the
// same moment. Tries in flight are not failures; only failed tries slow the address.

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T07:30:00+07:00");
const signIn = async (username: string, password: string, from: string) => {
  const r = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password },
    remoteAddress: from,
  });
  return { status: r.statusCode, body: r.json(), retryAfter: r.headers["retry-after"] ?? null };
};
const desks = (
  await db
    .selectFrom("official")
    .select("username")
    .where("username", "like", "desk.%")
    .where("active", "=", true)
    .orderBy("username")
    .execute()
).map((r) => r.username);

describe("many officials signing in at once from one address", () => {
  it("40 correct sign-ins at the same moment from one address all get in", async () => {
    expect(desks.length).toBeGreaterThanOrEqual(40);
    const all = await Promise.all(desks.slice(0, 40).map((u) => signIn(u, "demo", "10.9.0.1")));
    expect(all.map((r) => [r.status, r.body.error?.code ?? null])).toEqual(Array(40).fill([200, null]));
    expect(all.map((r) => r.body.official?.username)).toEqual(desks.slice(0, 40));
  });

  it("a few typos among them do not stop the others: only failures count, not tries", async () => {
    const names = desks.slice(40, 80);
    const all = await Promise.all(
      names.map((u, i) => signIn(u, i % 10 === 0 ? "sai-mat-khau" : "demo", "10.9.0.2")),
    );
    expect(all.map((r) => r.status)).toEqual(names.map((_, i) => (i % 10 === 0 ? 401 : 200)));
  });

  it("a parallel burst of wrong passwords at one username still lines up: only the free tries are checked", async () => {
    const all = await Promise.all(
      Array.from({ length: 20 }, () => signIn("desk", "sai-mat-khau", "10.9.0.3")),
    );
    const statuses = all.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_RULES.pairFree);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - SIGN_IN_RULES.pairFree);
  });

  it("a parallel spray of wrong passwords at many usernames is checked no more than the in-flight bound, then waits", async () => {
    const all = await Promise.all(
      Array.from({ length: 80 }, (_, i) => signIn(`desk.khong-co-${i}`, "sai-mat-khau", "10.9.0.4")),
    );
    const checked = all.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(SIGN_IN_RULES.addressInFlight);
    // Refused for being too many at once: told to come back in a second.
    const busy = all.filter((r) => r.status === 429);
    expect(busy.length + checked).toBe(80);
    expect(busy.every((r) => r.retryAfter === "1" && r.body.error.code === "AUTH_THROTTLED")).toBe(true);
    // Its failures now count: the next try from there, even a right one, waits.
    const next = await signIn("desk", "demo", "10.9.0.4");
    expect([next.status, next.body.error.code]).toEqual([429, "AUTH_THROTTLED"]);
    expect(Number(next.retryAfter)).toBe(next.body.error.details.retryAfterSeconds);
  });
});

describe("tries in flight (the counters themselves)", () => {
  const NOW = new Date("2026-03-09T09:00:00+07:00");
  const later = (ms: number) => new Date(NOW.getTime() + ms);
  const attempt = (address: string, i: number): Attempt => ({
    scope: "pin",
    address,
    subject: `2603-${String(i).padStart(6, "0")}`,
  });

  it("at most the bound are checked at once from one address; the next is told 1 s, and gets in once one ends", async () => {
    const bound = PIN_RULES.addressInFlight;
    const begun = await Promise.all(
      Array.from({ length: bound + 5 }, (_, i) => beginAttempt(db, PIN_RULES, attempt("10.8.0.1", i), NOW)),
    );
    expect(begun.filter((w) => w === 0)).toHaveLength(bound);
    expect(begun.filter((w) => w !== 0)).toEqual(Array(5).fill(1_000));
    // Another address is not held up by this one's tries.
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.0.2", 0), NOW)).toBe(0);
    await attemptSucceeded(db, attempt("10.8.0.1", 0), NOW);
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.0.1", 900), NOW)).toBe(0);
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.0.1", 901), NOW)).toBe(1_000);
    // Tries that never ended (a crashed request) are forgotten after a minute.
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.0.1", 902), later(IN_FLIGHT_FORGET_MS))).toBe(0);
  });

  it("tries in flight are never failures: successes leave an address as fresh as it was", async () => {
    const many = PIN_RULES.addressFree * 3;
    for (let round = 0; round < 2; round++) {
      const begun = await Promise.all(
        Array.from({ length: many }, (_, i) => beginAttempt(db, PIN_RULES, attempt("10.8.1.1", i), NOW)),
      );
      expect(begun).toEqual(Array(many).fill(0));
      await Promise.all(begun.map((_, i) => attemptSucceeded(db, attempt("10.8.1.1", i), NOW)));
    }
  });

  it("only failures make an address wait, counted from its last failure", async () => {
    const free = PIN_RULES.addressFree;
    for (let i = 0; i < free; i++) {
      expect(await beginAttempt(db, PIN_RULES, attempt("10.8.2.1", i), NOW)).toBe(0);
      await attemptFailed(db, PIN_RULES, attempt("10.8.2.1", i), NOW);
    }
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.2.1", 100), later(400))).toBe(600);
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.2.1", 101), later(999))).toBe(1);
    // Refused tries are not failures: waiting as told lets the next one in.
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.2.1", 102), later(1_000))).toBe(0);
  });

  it("once an address must wait between tries, a parallel burst after the wait gets one try checked", async () => {
    const free = PIN_RULES.addressFree;
    for (let i = 0; i < free; i++) {
      await beginAttempt(db, PIN_RULES, attempt("10.8.3.1", i), NOW);
      await attemptFailed(db, PIN_RULES, attempt("10.8.3.1", i), NOW);
    }
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        beginAttempt(db, PIN_RULES, attempt("10.8.3.1", 100 + i), later(1_000)),
      ),
    );
    expect(burst.filter((w) => w === 0)).toHaveLength(1);
    const checked = burst.indexOf(0);
    await attemptFailed(db, PIN_RULES, attempt("10.8.3.1", 100 + checked), later(1_000));
    // Its failure doubles the wait, from its own time.
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.3.1", 200), later(1_000))).toBe(2_000);
    expect(await beginAttempt(db, PIN_RULES, attempt("10.8.3.1", 201), later(3_000))).toBe(0);
  });
});
