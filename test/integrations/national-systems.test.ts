import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { payGovChecksum } from "../../src/adapters/payment/paygov-checksum.ts";
import {
  completePendingChecks,
  PopulationGateway,
} from "../../src/adapters/population/population.service.ts";
import { pullNationalResults } from "../../src/adapters/registry/national-results.service.ts";
import { RegistryClient } from "../../src/adapters/registry/registry.client.ts";
import type { Integrations } from "../../src/app/context.ts";
import { LocalFileStore } from "../../src/kernel/files/file-store.store.ts";
import { syntheticEnterprise, syntheticPerson } from "../../src/tools/demo/people.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { createPayGovStandin } from "../../src/tools/standins/paygov.standin.ts";
import { createPopulationStandin } from "../../src/tools/standins/population.standin.ts";
import { createRegistryStandin } from "../../src/tools/standins/registry.standin.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent } from "../support/dossiers.ts";
import { listen, setFaults } from "./standins.ts";

const { db } = await freshDatabase();
const none = faultsSchema.parse({});
const populationUrl = await listen(createPopulationStandin({ apiKey: "k", faults: none }));
const registryUrl = await listen(createRegistryStandin({ apiKey: "k", faults: none }));
const payGov = createPayGovStandin({
  partnerCode: "NB",
  secret: "s3cret",
  returnUrl: "http://127.0.0.1/return",
  faults: none,
});
const payGovUrl = await listen(payGov.app);
const population = new PopulationGateway({
  baseUrl: populationUrl,
  apiKey: "k",
  serviceCode: "MOTCUA",
  timeoutMs: 300,
});
const integrations: Integrations = {
  dvcqg: null,
  notifier: null,
  vneid: null,
  signing: null,
  virusScan: null,
  population,
  registry: new RegistryClient({ baseUrl: registryUrl, apiKey: "k", timeoutMs: 2_000 }),
  paygov: { baseUrl: payGovUrl, partnerCode: "NB", secret: "s3cret", timeoutMs: 2_000 },
  files: new LocalFileStore(mkdtempSync(join(tmpdir(), "motcua-files-"))),
  fileUrlSecret: "test-secret",
  publicUrl: "http://127.0.0.1:3000",
  syncSloSeconds: 300,
};
const t = await testApp(db, "2026-03-09T08:00:00+07:00", integrations);

const PROCEDURE = "1.000894";
const component = await firstComponent(db);
const person = syntheticPerson(42);

const receive = (applicant: unknown, extra: Record<string, unknown> = {}) =>
  t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: {
      procedureCode: PROCEDURE,
      channel: 1,
      applicant,
      submission: { by: "applicant" },
      components: [{ name: component }],
      outcome: "accept",
      ...extra,
    },
  });

describe("population database", () => {
  it("verifies the applicant at reception and logs the lookup with a masked number", async () => {
    const r = await receive({ kind: "individual", name: person.name, idNumber: person.idNumber });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.identityCheck).toBe("verified");
    const log = await db
      .selectFrom("population_lookup")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(log.purpose).toBe("reception");
    expect(log.dossier_id).not.toBeNull();
    expect(log.id_number_masked).not.toContain(person.idNumber.slice(3, 8));
  });

  it("flags a name that does not match the record", async () => {
    const other = syntheticPerson(43);
    const r = await receive({ kind: "individual", name: "Tên Khác Hẳn", idNumber: other.idNumber });
    expect(r.body.identityCheck).toBe("mismatch");
  });

  it("prefills the desk with today's commune for an address still under an old commune code", async () => {
    let i = 0;
    while (!["13294", "13345", "13327", "13303"].includes(syntheticPerson(i).communeCode)) i++;
    const p = syntheticPerson(i);
    const r = await t.call("GET", `/api/v1/population/citizens/${p.idNumber}`, { as: "desk" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.citizen.name).toBe(p.name);
    expect(r.body.commune.mappedFrom).toBe(p.communeCode);
    expect(r.body.commune.code).toMatch(/^\d{5}$/);
    expect(r.body.commune.code).not.toBe(p.communeCode);
  });

  it("a down population database does not block reception: received, pending, completed later", async () => {
    await setFaults(populationUrl, { down: true, latencyMs: 5_000 });
    const p = syntheticPerson(44);
    const started = Date.now();
    const r = await receive({ kind: "individual", name: p.name, idNumber: p.idNumber });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(r.body.identityCheck).toBe("pending");
    await setFaults(populationUrl, {});
    await new Promise((res) => setTimeout(res, 100));
    // The breaker may still be open after the outage; the worker's pass retries until it closes.
    const gw = new PopulationGateway(population.config);
    expect(await completePendingChecks(db, gw, () => new Date())).toBeGreaterThanOrEqual(1);
    const d = await db
      .selectFrom("dossier")
      .select(["identity_check", "last_seq"])
      .where("code", "=", r.body.code)
      .executeTakeFirstOrThrow();
    expect(d.identity_check).toBe("verified");
    expect(d.last_seq).toBe(2);
  });
});

describe("business registry: never keyed twice", () => {
  it("receives a business dossier from the registry with 0 re-typed fields", async () => {
    const e = syntheticEnterprise(3);
    const r = await receive(undefined, { registry: { kind: "enterprise", code: e.enterpriseCode } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.retypedFields).toEqual([]);
    const d = await db
      .selectFrom("dossier")
      .select(["applicant", "retyped_fields", "registry_ref"])
      .where("code", "=", r.body.code)
      .executeTakeFirstOrThrow();
    expect(d.applicant).toMatchObject({
      kind: "organisation",
      name: e.name,
      idNumber: e.enterpriseCode,
      address: e.address,
    });
    expect(d.retyped_fields).toEqual([]);
  });

  it("pulls the certificate the national registry issued and attaches it; nobody types the enterprise code", async () => {
    const e = syntheticEnterprise(8);
    const r = await receive(undefined, { registry: { kind: "enterprise", code: e.enterpriseCode } });
    expect(
      (
        await t.call("POST", `/api/v1/dossiers/${r.body.code}/actions`, {
          as: "desk",
          body: { type: "forward" },
        })
      ).status,
    ).toBe(200);
    const { files, registry } = integrations;
    if (!registry) throw new Error("registry not configured");
    expect(await pullNationalResults(db, registry, files, () => new Date())).toBeGreaterThanOrEqual(1);
    expect(await pullNationalResults(db, registry, files, () => new Date())).toBe(0);
    const entry = await db
      .selectFrom("dossier_action as a")
      .innerJoin("dossier as d", "d.id", "a.dossier_id")
      .select(["a.payload", "a.actor_id"])
      .where("d.code", "=", r.body.code)
      .where("a.type", "=", "national-result")
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBeNull();
    expect(String(entry.payload.enterpriseCode)).toMatch(/^\d{10}$/);
    const file = await db
      .selectFrom("stored_file")
      .select(["sha256", "kind"])
      .where("id", "=", String(entry.payload.fileId))
      .executeTakeFirstOrThrow();
    expect(file.kind).toBe("result");
    expect((await files.get(file.sha256))?.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("counts fields an official typed although the registry held them, and keeps the registry's values", async () => {
    const e = syntheticEnterprise(6);
    const r = await receive(undefined, {
      registry: { kind: "enterprise", code: e.enterpriseCode, typed: { name: "Cty gõ tay", phone: "0900" } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.retypedFields).toEqual(["name", "phone"]);
    const d = await db
      .selectFrom("dossier")
      .select("applicant")
      .where("code", "=", r.body.code)
      .executeTakeFirstOrThrow();
    expect(d.applicant.name).toBe(e.name);
  });

  it("an unknown business code is a clear 404", async () => {
    const r = await receive(undefined, { registry: { kind: "enterprise", code: "0799999999" } });
    expect([r.status, r.body.error.code]).toEqual([404, "REGISTRY_NOT_FOUND"]);
  });
});

describe("payment through PayGov", () => {
  it("checksum: SHA-256 over '|'-joined fields, secret last, lowercase hex", () => {
    expect(payGovChecksum(["A", "B"], "s")).toMatch(/^[0-9a-f]{64}$/);
    expect(payGovChecksum(["INIT", "1.0.0", "NB"], "s")).toBe(
      createHash("sha256").update("INIT|1.0.0|NB|s").digest("hex"),
    );
    expect(payGovChecksum(["A", "B"], "s")).not.toBe(payGovChecksum(["A", "B"], "t"));
  });

  it("INIT → paid → the dossier leaves status 6, with the e-receipt stored", async () => {
    const p = syntheticPerson(50);
    const d = (await receive({ kind: "individual", name: p.name, idNumber: p.idNumber })).body;
    for (const [as, body] of [
      ["desk", { type: "forward" }],
      ["specialist", { type: "request-payment", amountVnd: 50_000, note: "Lệ phí" }],
    ] as const) {
      const r = await t.call("POST", `/api/v1/dossiers/${d.code}/actions`, { as, body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const init = await t.call("POST", `/api/v1/public/dossiers/${d.code}/payments?pin=${d.pin}`);
    expect(init.status, JSON.stringify(init.body)).toBe(200);
    expect(init.body.payUrl).toContain(payGovUrl);
    expect(init.body.amount).toBe(50_000);
    const early = await t.call(
      "GET",
      `/api/v1/payments/return?ref=${encodeURIComponent(init.body.reference)}`,
    );
    expect(early.body.state).toBe("pending");
    // The citizen pays on the platform's page.
    const paid = await fetch(init.body.payUrl, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(302);
    const back = await t.call(
      "GET",
      `/api/v1/payments/return?ref=${encodeURIComponent(init.body.reference)}`,
    );
    expect(back.body.state).toBe("paid");
    const after = await t.call("GET", `/api/v1/dossiers/${d.code}`, { as: "desk" });
    expect([after.body.status, after.body.dvcqgStatus]).toEqual(["processing", 4]);
    const pay = await db
      .selectFrom("payment")
      .selectAll()
      .where("reference", "=", init.body.reference)
      .executeTakeFirstOrThrow();
    expect(pay.state).toBe("paid");
    expect(pay.receipt_file_id).not.toBeNull();
    // A second return (refresh) changes nothing.
    const again = await t.call(
      "GET",
      `/api/v1/payments/return?ref=${encodeURIComponent(init.body.reference)}`,
    );
    expect(again.body.state).toBe("paid");
    const history = await t.call("GET", `/api/v1/dossiers/${d.code}/history`, { as: "desk" });
    expect(history.body.items.filter((a: { type: string }) => a.type === "confirm-payment")).toHaveLength(1);
  });

  it("without an amount in the request, the citizen pays the catalogue's fee for the channel", async () => {
    const withFee = await sql<{ code: string; amount: number }>`
      SELECT p.code, (c->'fee'->>'amount')::float8 AS amount
      FROM procedure p, jsonb_array_elements(p.channels) c
      WHERE c->>'channel' = 'in-person' AND c->'fee'->>'kind' = 'amount' AND c->'fee'->>'currency' = 'VND'
        AND (c->'fee'->>'amount')::float8 >= 1000
        AND (SELECT count(*) FROM jsonb_array_elements(p.channels) x WHERE x->>'channel' = 'in-person') = 1
      ORDER BY p.code LIMIT 1`.execute(db);
    const fee = withFee.rows[0];
    if (!fee) throw new Error("the catalogue states no single in-person VND fee");
    const p = syntheticPerson(51);
    const d = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: {
        procedureCode: fee.code,
        channel: 1,
        applicant: { kind: "individual", name: p.name, idNumber: p.idNumber },
        submission: { by: "applicant" },
        outcome: "accept",
      },
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    for (const [as, body] of [
      ["desk", { type: "forward" }],
      ["specialist", { type: "request-payment", note: "Nộp lệ phí theo quy định" }],
    ] as const) {
      const r = await t.call("POST", `/api/v1/dossiers/${d.body.code}/actions`, { as, body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const init = await t.call("POST", `/api/v1/public/dossiers/${d.body.code}/payments?pin=${d.body.pin}`);
    expect(init.status, JSON.stringify(init.body)).toBe(200);
    expect(init.body.amount).toBe(fee.amount);
  });
});
