import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { pinHash } from "../../src/casework/dossiers/reception.service.ts";
import { insertHandDossiers } from "../kpi/hand-built.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
// PayGov is never reached here: every payment below stops at the code + PIN check.
const t = await testApp(db, "2026-03-09T08:00:00+07:00", {
  paygov: { baseUrl: "http://127.0.0.1:9", partnerCode: "NB", secret: "s3cret", timeoutMs: 500 },
});

await insertHandDossiers(db, [
  {
    code: "PIN-1",
    receivedAt: "2026-03-02T09:00:00+07:00",
    firstDueAt: "2026-03-09T17:00:00+07:00",
    finishedAt: "2026-03-06T09:00:00+07:00",
    status: "returned",
    resultKind: "positive",
  },
]);
await db
  .updateTable("dossier")
  .set({ pin_hash: pinHash("PIN-1", "246810") })
  .where("code", "=", "PIN-1")
  .execute();
const component = await firstComponent(db);
const received = async () => {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: receptionBody(component, { kind: "individual", name: "Nguyễn Văn An", idNumber: "035085000123" }),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { code: string; pin: string };
};
// Two dossiers received at the desk, with the PINs printed on their receipts.
const owned = await received();
const third = await received();
/** The n-th wrong PIN for a dossier (never its own). */
const wrongPin = (d: { pin: string }, n: number) => {
  const p = String(100000 + n);
  return p === d.pin ? "099999" : p;
};

type Route = "tracking" | "rating" | "payment";
async function ask(route: Route, code: string, pin: string, from: string) {
  const path = `/api/v1/public/dossiers/${encodeURIComponent(code)}`;
  const r =
    route === "tracking"
      ? await t.app.inject({ method: "GET", url: `${path}?pin=${pin}`, remoteAddress: from })
      : await t.app.inject({
          method: "POST",
          url: `${path}/${route === "rating" ? "rating" : "payments"}?pin=${pin}`,
          payload: route === "rating" ? { rating: "satisfied" } : undefined,
          remoteAddress: from,
        });
  return { status: r.statusCode, body: r.json(), retryAfter: r.headers["retry-after"] ?? null };
}

describe("guessing PINs", () => {
  it("a wrong PIN answers exactly like an unknown code, on tracking, rating and payment", async () => {
    const answers = [];
    for (const route of ["tracking", "rating", "payment"] as const) {
      const wrong = await ask(route, "PIN-1", "135790", `10.1.0.${answers.length + 1}`);
      const unknown = await ask(route, "KHONG-CO-1", "135790", `10.1.1.${answers.length + 1}`);
      expect(unknown, route).toEqual(wrong);
      answers.push(wrong);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 404, body: { error: { code: "TRACKING_NOT_FOUND" } } });
  });

  it("one address trying 400 codes is answered 429 with Retry-After after its first few", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 400; i++) {
      last = await ask("tracking", `2603-${String(i).padStart(6, "0")}`, "111111", "10.2.0.1");
      statuses.push(last.status);
    }
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(10);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    expect(last?.body.error.code).toBe("TOO_MANY_GUESSES");
    expect(Number(last?.retryAfter)).toBeGreaterThan(0);
    expect(last?.body.error.details.retryAfterSeconds).toBe(Number(last?.retryAfter));
    // The budget is the address's, not the route's: rating and payment are refused too.
    expect((await ask("rating", "PIN-1", "246810", "10.2.0.1")).status).toBe(429);
    expect((await ask("payment", "PIN-1", "246810", "10.2.0.1")).status).toBe(429);
  });

  it("an address already refused leaves no counter behind for each code it sweeps", async () => {
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM guess_throttle WHERE key LIKE 'pin|pair|10.2.0.1|%'`.execute(db);
    expect(rows.rows[0]?.n).toBeLessThanOrEqual(12);
  });

  it("a PAKN about a dossier spends the same budget and answers a wrong PIN the same way", async () => {
    const pakn = (pin: string, from: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/public/feedback",
        payload: {
          kind: "complaint",
          title: "Hồ sơ chậm",
          content: "Đã quá hạn mà chưa có kết quả.",
          subject: "dossier",
          dossierCode: third.code,
          dossierPin: pin,
        },
        remoteAddress: from,
      });
    const wrong = await pakn(wrongPin(third, 500), "10.5.0.1");
    const tracked = await ask("tracking", third.code, wrongPin(third, 501), "10.5.0.2");
    expect([wrong.statusCode, wrong.json()]).toEqual([tracked.status, tracked.body]);
    // The address that swept 400 codes cannot file with the right PIN either.
    expect((await pakn(third.pin, "10.2.0.1")).statusCode).toBe(429);
  });

  it("the rightful owner from another address gets in while a guesser hammers their code", async () => {
    const guesses: number[] = [];
    for (let i = 0; i < 50; i++)
      guesses.push((await ask("tracking", owned.code, wrongPin(owned, i), "10.3.0.1")).status);
    expect(guesses.filter((s) => s === 404).length).toBeLessThanOrEqual(10);
    expect(guesses.at(-1)).toBe(429);
    // Guessers from many addresses exhaust the dossier's own budget too.
    for (let a = 2; a < 8; a++)
      for (let i = 0; i < 3; i++) await ask("rating", owned.code, wrongPin(owned, 100 + i), `10.3.0.${a}`);
    const owner = await ask("tracking", owned.code, owned.pin, "10.3.1.1");
    expect([owner.status, owner.body.code]).toEqual([200, owned.code]);
    // Once the dossier is under attack, an address that failed on it waits after its first failure.
    expect((await ask("payment", owned.code, wrongPin(owned, 200), "10.3.0.9")).status).toBe(404);
    expect((await ask("payment", owned.code, wrongPin(owned, 201), "10.3.0.9")).status).toBe(429);
    // And the guesser still cannot try the right PIN from its address.
    expect((await ask("tracking", owned.code, owned.pin, "10.3.0.1")).status).toBe(429);
  });

  it("the counts are in the database, so every app node shares them", async () => {
    const other = await testApp(db, "2026-03-09T08:00:00+07:00");
    const r = await other.app.inject({
      method: "GET",
      url: `/api/v1/public/dossiers/${third.code}?pin=${third.pin}`,
      remoteAddress: "10.2.0.1",
    });
    expect(r.statusCode).toBe(429);
  });

  it("retrying while refused does not lengthen the wait (each refused try was doubling it, up to an hour)", async () => {
    const mine = await received();
    const from = "10.5.0.1";
    for (let i = 0; i < 5; i++)
      expect((await ask("tracking", mine.code, wrongPin(mine, i), from)).status).toBe(404);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await ask("tracking", mine.code, i % 2 ? mine.pin : wrongPin(mine, 10 + i), from);
      expect(r.status).toBe(429);
      waits.push(Number(r.retryAfter));
    }
    // The clock stands still here: every refused retry is told the same wait as the first.
    expect(new Set(waits).size, waits.join(", ")).toBe(1);
    expect(waits[0]).toBeLessThanOrEqual(2);
  });

  it("waiting as told lets the next try through", async () => {
    for (let i = 0; i < 12; i++) await ask("tracking", third.code, wrongPin(third, i), "10.4.0.1");
    const refused = await ask("tracking", third.code, third.pin, "10.4.0.1");
    expect(refused.status).toBe(429);
    t.setNow(
      new Date(Date.parse("2026-03-09T08:00:00+07:00") + Number(refused.retryAfter) * 1000).toISOString(),
    );
    expect((await ask("tracking", third.code, third.pin, "10.4.0.1")).status).toBe(200);
  });
});
