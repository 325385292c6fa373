import { describe, expect, it } from "vitest";
import { getProcedure, searchProcedures } from "../../src/reference/catalog/catalog.service.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

describe("catalogue search without diacritics", () => {
  it("'ket hon' finds 'Thủ tục đăng ký kết hôn' first", async () => {
    const hits = await searchProcedures(db, "ket hon");
    expect(hits[0]?.name).toBe("Thủ tục đăng ký kết hôn");
  });

  it("with or without diacritics gives the same ranking", async () => {
    const bare = await searchProcedures(db, "dang ky khai sinh", { limit: 5 });
    const marked = await searchProcedures(db, "đăng ký khai sinh", { limit: 5 });
    expect(bare.map((p) => p.code)).toEqual(marked.map((p) => p.code));
    expect(bare.map((p) => p.name)).toContain("Thủ tục đăng ký khai sinh");
  });

  it("finds a procedure by its code", async () => {
    expect((await searchProcedures(db, "1.001193"))[0]?.code).toBe("1.001193");
  });

  it("tolerates a misspelt word through trigram similarity", async () => {
    const hits = await searchProcedures(db, "dang ky ket hn");
    expect(hits.map((p) => p.name)).toContain("Thủ tục đăng ký kết hôn");
  });

  it("returns nothing for empty text rather than the whole catalogue", async () => {
    expect(await searchProcedures(db, "   ")).toEqual([]);
  });
});

describe("a procedure as imported", () => {
  it("the birth registration keeps its channels, fee, components and result code", async () => {
    const r = await getProcedure(db, "1.001193");
    if (!r.ok) throw new Error(r.error.code);
    const p = r.value;
    expect(p.name).toBe("Thủ tục đăng ký khai sinh");
    expect(p.channels.map((c) => c.channel).sort()).toEqual(["in-person", "online", "post"]);
    expect(p.channels.every((c) => c.fee.kind === "free")).toBe(true);
    expect(p.results).toContainEqual({ name: "Giấy khai sinh", code: "KQ.G15.000031" });
    expect(p.components.some((c) => c.name.startsWith("Giấy chứng sinh"))).toBe(true);
    expect(p.legalBasis.map((l) => l.number)).toContain("123/2015/NĐ-CP");
  });

  it("takes the issuing body and implementing agencies from the ministry's xlsx list", async () => {
    const r = await getProcedure(db, "1.002099");
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.issuingBody).toBe("Bộ Tư pháp");
    expect(r.value.implementingAgencies).toEqual(["Sở Tư Pháp"]);
  });

  it("reports codes the two sources disagree on", async () => {
    const xlsx = await db
      .selectFrom("catalog_parse_problem")
      .select(["procedure_code", "problem"])
      .where("field", "=", "xlsx")
      .execute();
    expect(xlsx.filter((p) => p.problem.startsWith("in the crawl but not")).length).toBe(3);
  });

  it("keeps the raw crawled text beside the parsed fields", async () => {
    const row = await db
      .selectFrom("procedure")
      .select("raw")
      .where("code", "=", "1.001193")
      .executeTakeFirstOrThrow();
    expect(String((row.raw as Record<string, unknown>).cach_thuc_thuc_hien)).toContain("Trực tuyến1Miễn phí");
  });
});
