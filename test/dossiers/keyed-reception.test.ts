import { afterAll, describe, expect, it } from "vitest";
import { PopulationGateway } from "../../src/adapters/population/population.service.ts";
import { purgeExpiredResponses } from "../../src/casework/dossiers/idempotency.repository.ts";
import { createDb, SERVING_LIMITS } from "../../src/kernel/db/database.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { createPopulationStandin } from "../../src/tools/standins/population.standin.ts";
import { listen } from "../integrations/standins.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

// What the web desk does on every reception: an Idempotency-Key, a citizen with a CCCD, the
// population database consulted. Served from a pool with the production bounds.
const { url } = await freshDatabase();
const db = createDb(url, 10, SERVING_LIMITS);
afterAll(() => db.destroy());
const populationUrl = await listen(createPopulationStandin({ apiKey: "k", faults: faultsSchema.parse({}) }));
const population = new PopulationGateway({
  baseUrl: populationUrl,
  apiKey: "k",
  serviceCode: "MOTCUA",
  timeoutMs: 1_000,
});
const t = await testApp(db, "2026-03-09T08:00:00+07:00", { population });
const component = await firstComponent(db);

const citizen = (n: number) => ({
  kind: "individual",
  name: "Nguyễn Văn An",
  idNumber: `0370850${String(n).padStart(5, "0")}`,
  phone: "0912345678",
});
const receive = (key: string, n: number, extra: Record<string, unknown> = {}) =>
  t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: receptionBody(component, citizen(n), extra),
    headers: { "idempotency-key": key },
  });
const dossierCount = async () =>
  Number(
    (
      await db
        .selectFrom("dossier")
        .select((d) => d.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("keyed receptions of citizens, as the web desk sends them", () => {
  it("a citizen with a CCCD is received (201, with a PIN) and the lookup is logged against the dossier", async () => {
    // Before the fix: 500, the lookup log was written outside the reception's transaction.
    const r = await receive("key-citizen-0001", 1);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.pin).toMatch(/^\d{6}$/);
    const logged = await db
      .selectFrom("population_lookup as l")
      .innerJoin("dossier as d", "d.id", "l.dossier_id")
      .select("d.code")
      .where("d.code", "=", r.body.code)
      .execute();
    expect(logged).toHaveLength(1);
  });

  it("a replay answers the original response, PIN included; another body under the key is refused", async () => {
    const first = await receive("key-replay-0001", 2);
    const before = await dossierCount();
    const again = await receive("key-replay-0001", 2);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ code: first.body.code, pin: first.body.pin, replayed: true });
    expect(again.body.dueAt).toBe(first.body.dueAt);
    expect(again.body.receiptUrl).toBe(first.body.receiptUrl);
    const receipt = await t.app.inject({
      method: "GET",
      url: again.body.receiptUrl,
      headers: await t.as("desk"),
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers["content-type"]).toContain("application/pdf");
    const other = await receive("key-replay-0001", 3, { outcome: "refuse", reason: "Thiếu giấy tờ" });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await dossierCount()).toBe(before);
  });

  it("ten concurrent requests with one key make one dossier, and all get its code and PIN", async () => {
    const before = await dossierCount();
    const all = await Promise.all(Array.from({ length: 10 }, () => receive("key-concurrent-0001", 4)));
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(all.map((r) => `${r.body.code}/${r.body.pin}`)).size).toBe(1);
    expect(await dossierCount()).toBe(before + 1);
  });

  it("40 concurrent keyed receptions on a pool of 10 all answer, with unique codes (it hung before)", async () => {
    const started = Date.now();
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) => receive(`key-many-${i}-xyz`, 100 + i)),
    );
    expect(all.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(new Set(all.map((r) => r.body.code)).size).toBe(40);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await t.call("GET", "/api/v1/health")).status).toBe(200);
  });

  it("keeps neither the key nor the PIN readable in the database, and forgets them after 24 hours", async () => {
    const r = await receive("key-secret-0001", 5);
    const rows = await db.selectFrom("idempotency_key").selectAll().execute();
    const raw = JSON.stringify(rows.map((k) => ({ ...k, response: k.response.toString("latin1") })));
    expect(raw).not.toContain("key-secret-0001");
    expect(raw).not.toContain(r.body.code);
    await db
      .updateTable("idempotency_key")
      .set({ created_at: new Date(Date.now() - 25 * 3600_000) })
      .execute();
    expect(await purgeExpiredResponses(db)).toBe(rows.length);
  });
});
