import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { up as normaliseToNfc } from "../../src/kernel/db/migrations/0019-nfc-text.ts";
import { freshDatabase } from "../support/database.ts";

// Migration 0019 rewrites stored text to NFC; history (the journal, the audit log) is left as written.
describe("migration 0019: stored text in NFC", async () => {
  const { db } = await freshDatabase();
  const nfd = (s: string) => s.normalize("NFD");

  it("rewrites text and jsonb columns, keeps hashed columns, and can run twice", async () => {
    const name = "Gọi tắt: Đăng ký khai sinh";
    const p = await db.selectFrom("procedure").select("code").limit(1).executeTakeFirstOrThrow();
    await db
      .updateTable("procedure")
      .set({ name: nfd(name) })
      .where("code", "=", p.code)
      .execute();
    await sql`CREATE TABLE nfc_probe (body jsonb, note text, key_hash text)`.execute(db);
    await sql`INSERT INTO nfc_probe VALUES (${JSON.stringify({ name: nfd(name) })}::jsonb, ${nfd(name)}, ${nfd(name)})`.execute(
      db,
    );

    await normaliseToNfc(db as never);
    await normaliseToNfc(db as never);

    const after = await db
      .selectFrom("procedure")
      .select("name")
      .where("code", "=", p.code)
      .executeTakeFirstOrThrow();
    expect(after.name).toBe(name.normalize("NFC"));
    expect(after.name).not.toBe(nfd(name));
    const probe = await sql<{
      body: { name: string };
      note: string;
      key_hash: string;
    }>`SELECT * FROM nfc_probe`.execute(db);
    expect(probe.rows[0]?.body.name).toBe(name.normalize("NFC"));
    expect(probe.rows[0]?.note).toBe(name.normalize("NFC"));
    expect(probe.rows[0]?.key_hash, "hashed or secret columns keep their bytes").toBe(nfd(name));
  });
});
