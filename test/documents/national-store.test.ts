import { describe, expect, it } from "vitest";
import { DvcqgClient } from "../../src/adapters/dvcqg/dvcqg.client.ts";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { listen, setFaults } from "../integrations/standins.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { DEMO_PROCEDURE, firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const portal = createDvcqgStandin({ username: "u", password: "p", faults: faultsSchema.parse({}) });
const base = await listen(portal.app);
const dvcqg = new DvcqgClient({
  baseUrl: base,
  username: "u",
  password: "p",
  unitCode: "37",
  timeoutMs: 2_000,
});
const t = await testApp(db, "2026-03-09T08:00:00+07:00", { dvcqg });
const person = syntheticPerson(400);

describe("national data store (Kho DVCQG, GetKetQuaGiayTo)", () => {
  it("brings a result issued elsewhere into the data store; the desk reuses it, marked as from the national store", async () => {
    const r = await t.call(
      "GET",
      `/api/v1/citizens/${person.idNumber}/documents?national=true&procedure=${DEMO_PROCEDURE}`,
      { as: "desk" },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.national).toBe("ok");
    const extract = r.body.items.find((i: { source: string }) => i.source === "national");
    expect(extract).toMatchObject({
      kind: "national",
      resultCode: "KQ.G15.000001",
      title: "Trích lục khai sinh",
    });
    const again = await t.call("GET", `/api/v1/citizens/${person.idNumber}/documents?national=true`, {
      as: "desk",
    });
    expect(again.body.items.filter((i: { source: string }) => i.source === "national")).toHaveLength(1);
    const component = await firstComponent(db);
    const d = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(
        component,
        { kind: "individual", name: person.name, idNumber: person.idNumber },
        {
          components: [{ name: component, form: "reuse", documentId: extract.id }],
        },
      ),
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const row = await db
      .selectFrom("dossier")
      .select("components")
      .where("code", "=", d.body.code)
      .executeTakeFirstOrThrow();
    expect(row.components[0]).toMatchObject({
      reused: true,
      fromNationalStore: true,
      replacedResultCode: "KQ.G15.000001",
    });
  });

  it("a national store that is down never blocks the desk", async () => {
    await setFaults(base, { down: true });
    const r = await t.call(
      "GET",
      `/api/v1/citizens/${syntheticPerson(401).idNumber}/documents?national=true`,
      { as: "desk" },
    );
    expect([r.status, r.body.national]).toEqual([200, "unavailable"]);
  });
});
