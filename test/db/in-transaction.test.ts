import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { appError } from "../../src/kernel/common/app-error.ts";
import { err, ok } from "../../src/kernel/common/result.ts";
import { inTransaction } from "../../src/kernel/db/transaction.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

// A table of its own, so the test says nothing about any module's rules.
beforeAll(async () => {
  await sql`CREATE TABLE tx_probe (label text NOT NULL)`.execute(db);
});

const labels = async () =>
  (await sql<{ label: string }>`SELECT label FROM tx_probe ORDER BY label`.execute(db)).rows.map(
    (r) => r.label,
  );
const write = (tx: typeof db, label: string) => sql`INSERT INTO tx_probe VALUES (${label})`.execute(tx);
const refused = appError("PROBE_REFUSED", 409, "Không được.", "Refused.");

describe("inTransaction: an error returned inside a transaction rolls it back", () => {
  it("a write followed by err(...) leaves nothing behind, and the error comes back as a value", async () => {
    const r = await inTransaction(db, async (tx) => {
      await write(tx, "rolled-back");
      return err(refused);
    });
    expect(r).toEqual({ ok: false, error: refused });
    expect(await labels()).not.toContain("rolled-back");
  });

  it("a write followed by ok(...) is committed, and the value comes back", async () => {
    const r = await inTransaction(db, async (tx) => {
      await write(tx, "committed");
      return ok(7);
    });
    expect(r).toEqual({ ok: true, value: 7 });
    expect(await labels()).toContain("committed");
  });

  it("a throw still rolls back and reaches the caller as a throw", async () => {
    await expect(
      inTransaction(db, async (tx) => {
        await write(tx, "thrown");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await labels()).not.toContain("thrown");
  });

  it("why it exists: a callback given straight to execute commits its writes before err(...)", async () => {
    const r = await db.transaction().execute(async (tx) => {
      await write(tx, "committed-despite-error");
      return err(refused);
    });
    expect(r.ok).toBe(false);
    expect(await labels()).toContain("committed-despite-error");
  });
});
