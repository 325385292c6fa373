import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db);
const component = await firstComponent(db);
const NFC_NAME = "Nguyễn Thị Hường";
const applicant = (name: string) => ({
  kind: "individual",
  name,
  idNumber: "035085000123",
  phone: "0912345678",
});

describe("text at the API's entry", () => {
  it("stores a name typed on a decomposing keyboard (NFD) as NFC", async () => {
    const nfd = NFC_NAME.normalize("NFD");
    expect(nfd).not.toBe(NFC_NAME);
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(component, applicant(nfd)),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const row = await db
      .selectFrom("dossier")
      .select("applicant")
      .where("code", "=", r.body.code)
      .executeTakeFirstOrThrow();
    expect((row.applicant as { name: string }).name).toBe(NFC_NAME);
  });

  it("finds procedures by an NFD query as by an NFC one", async () => {
    const nfc = await t.call("GET", `/api/v1/procedures?q=${encodeURIComponent("khai sinh")}`);
    const nfd = await t.call(
      "GET",
      `/api/v1/procedures?q=${encodeURIComponent("khai sinh".normalize("NFD"))}`,
    );
    const nfcV = await t.call("GET", `/api/v1/procedures?q=${encodeURIComponent("kết hôn")}`);
    const nfdV = await t.call(
      "GET",
      `/api/v1/procedures?q=${encodeURIComponent("kết hôn".normalize("NFD"))}`,
    );
    expect(nfd.body).toEqual(nfc.body);
    expect(nfdV.status).toBe(200);
    expect(nfdV.body).toEqual(nfcV.body);
  });

  it("refuses a name made only of zero-width characters, in Vietnamese, and writes nothing", async () => {
    const before = await db
      .selectFrom("dossier")
      .select((d) => d.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(component, applicant("\u200b\u200b\u200c\ufeff")),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("ký tự vô hình");
    const after = await db
      .selectFrom("dossier")
      .select((d) => d.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
