import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { nfcDeep } from "../../src/kernel/common/nfc.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

describe("the catalogue's text is NFC, as the API takes it", () => {
  it("no procedure's name, components or results is stored decomposed", async () => {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM procedure
      WHERE name <> normalize(name, NFC) OR components::text <> normalize(components::text, NFC)
         OR results::text <> normalize(results::text, NFC)`.execute(db);
    expect(r.rows[0]?.n).toBe(0);
  });

  it("nfcDeep composes every string of a value, keys included, and leaves other values alone", () => {
    const nfd = "Giấy khai sinh".normalize("NFD");
    const at = new Date(0);
    expect(nfcDeep({ [nfd]: [nfd, 1, null, { x: nfd }], at })).toEqual({
      "Giấy khai sinh": ["Giấy khai sinh", 1, null, { x: "Giấy khai sinh" }],
      at,
    });
  });
});
