import { describe, expect, it } from "vitest";
import { unknownFields } from "../../src/kernel/http/unknown-fields.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db);

describe("unknown fields are refused, not dropped", () => {
  it("names every field validation would drop, at any depth", () => {
    expect(
      unknownFields({ a: 1, b: { c: 2, d: 3 }, e: [{ f: 1, g: 2 }] }, { a: 1, b: { c: 2 }, e: [{ f: 1 }] }),
    ).toEqual(["b.d", "e.0.g"]);
    expect(unknownFields({ a: 1 }, { a: 1, defaulted: true })).toEqual([]);
    expect(unknownFields("text", "text")).toEqual([]);
  });

  it("a reception with a misspelt field is refused in Vietnamese and writes nothing", async () => {
    const component = await firstComponent(db);
    const body = receptionBody(component, {
      kind: "individual",
      name: "Đỗ Văn Gõ",
      idNumber: "035085000123",
      phoneNumber: "0912",
    });
    const before = await db
      .selectFrom("dossier")
      .select((e) => e.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const r = await t.call("POST", "/api/v1/dossiers", { as: "desk", body: { ...body, outcom: "accept" } });
    expect([r.status, r.body.error.code, r.body.error.details.fields]).toEqual([
      400,
      "REQUEST_UNKNOWN_FIELDS",
      ["applicant.phoneNumber", "outcom"],
    ]);
    expect(r.body.error.message).toContain("trường không được phép");
    const after = await db
      .selectFrom("dossier")
      .select((e) => e.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const ok = await t.call("POST", "/api/v1/dossiers", { as: "desk", body });
    expect(ok.status).toBe(400); // phoneNumber is still unknown
    const good = receptionBody(component, {
      kind: "individual",
      name: "Đỗ Văn Gõ",
      idNumber: "035085000123",
      phone: "0912345678",
    });
    expect((await t.call("POST", "/api/v1/dossiers", { as: "desk", body: good })).status).toBe(201);
  });
});
