import { describe, expect, it } from "vitest";
import { canonicalUnitName } from "../../src/reference/units/unit-names.ts";
import {
  findUnit,
  predecessorsOf,
  searchUnits,
  successorsOf,
} from "../../src/reference/units/units.service.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

describe("administrative units before and after 1 July 2025", () => {
  it("imports 34 provinces and 3,321 communes after, 63 / 696 / 10,035 before", async () => {
    const counts = await db
      .selectFrom("admin_unit")
      .select(["era", "level", db.fn.countAll<string>().as("n")])
      .groupBy(["era", "level"])
      .execute();
    const byKey = Object.fromEntries(counts.map((c) => [`${c.era}:${c.level}`, Number(c.n)]));
    expect(byKey).toEqual({
      "post2025:province": 34,
      "post2025:commune": 3321,
      "pre2025:province": 63,
      "pre2025:district": 696,
      "pre2025:commune": 10035,
    });
  });

  it("old 13285 (Phường Quang Trung, Phủ Lý) is now 13285 Phủ Lý and 13366 Hà Nam, both partial", async () => {
    const now = await successorsOf(db, "commune", "13285");
    expect(now.map((u) => [u.code, u.fullName, u.kind])).toEqual([
      ["13285", "Phường Phủ Lý", "partial"],
      ["13366", "Phường Hà Nam", "partial"],
    ]);
  });

  it("new Phường Phủ Lý came from four old wards", async () => {
    const before = await predecessorsOf(db, "commune", "13285");
    expect(before.map((u) => u.code)).toEqual(["13285", "13294", "13309", "13315"]);
    expect(before.find((u) => u.code === "13294")?.kind).toBe("full");
  });

  it("Hà Nam and Nam Định provinces merged into Ninh Bình (37)", async () => {
    expect((await successorsOf(db, "province", "35")).map((u) => u.code)).toEqual(["37"]);
    expect((await predecessorsOf(db, "province", "37")).map((u) => u.code).sort()).toEqual([
      "35",
      "36",
      "37",
    ]);
  });

  it("a code carried by two units returns both, each with its era and validity", async () => {
    const r = await findUnit(db, "13285");
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.map((u) => [u.era, u.validFrom, u.validTo])).toEqual([
      ["post2025", "2025-07-01", null],
      ["pre2025", null, "2025-06-30"],
    ]);
  });

  it("an unknown or malformed code is an error value", async () => {
    const missing = await findUnit(db, "99999");
    const bad = await findUnit(db, "12a");
    expect([missing.ok ? "" : missing.error.code, bad.ok ? "" : bad.error.code]).toEqual([
      "UNIT_NOT_FOUND",
      "UNIT_BAD_CODE",
    ]);
  });
});

describe("tone-mark spelling", () => {
  it("'Hoà' and 'Hòa', 'Thuỷ' and 'Thủy' are the same name", () => {
    expect(canonicalUnitName("Xã Hoà Bình")).toBe(canonicalUnitName("Xã Hòa Bình"));
    expect(canonicalUnitName("Phường Thuỷ Nguyên")).toBe(canonicalUnitName("Phường Thủy Nguyên"));
    // Inside a syllable the mark does not move: "Hoàng" stays.
    expect(canonicalUnitName("Hoàng")).toBe("hoàng");
  });

  it("searching in either style, or without marks, finds the unit", async () => {
    const modern = await searchUnits(db, "Hòa Lư", { province: "37" });
    const bare = await searchUnits(db, "hoa lu", { province: "37" });
    expect(modern.length).toBeGreaterThan(0);
    expect(bare.map((u) => u.code)).toEqual(modern.map((u) => u.code));
  });
});
