import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { ensureDemoSteering } from "../../src/app/bootstrap/demo-data.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { sealAudit, verifyAudit } from "../../src/kernel/audit/audit.repository.ts";
import type { Db } from "../../src/kernel/db/database.ts";
import { LocalFileStore } from "../../src/kernel/files/file-store.store.ts";
import { verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { backup, restore } from "../../src/tools/backup/backup.service.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent } from "../support/dossiers.ts";

const source = await freshDatabase();
const t = await testApp(source.db);
const tmp = mkdtempSync(join(tmpdir(), "motcua-backup-"));
const sourceFiles = join(tmp, "files-a");
await ensureDemoSteering(source.db, loadDeployment("ninh-binh"), () => {});
const made = await t.call("POST", "/api/v1/dossiers", {
  as: "desk",
  body: {
    procedureCode: "1.000894",
    channel: 1,
    applicant: { kind: "individual", name: "Trần Thị Bình", idNumber: "035085000123" },
    submission: { by: "applicant" },
    components: [{ name: await firstComponent(source.db) }],
    outcome: "accept",
  },
});
const stored = await new LocalFileStore(sourceFiles).put(Buffer.from("%PDF-1.4 bản quét tờ khai"));

/** Each table's row count and a digest of its rows in a fixed order. */
async function fingerprint(db: Db) {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: string; d: string }>`
      SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d
      FROM ${sql.table(table_name)} t`.execute(db);
    out[table_name] = `${r.rows[0]?.n}:${r.rows[0]?.d}`;
  }
  return out;
}

describe("motcua backup and restore", () => {
  it("round-trips every table and the file store; chains, aggregates and sequences work after", async () => {
    expect(made.status).toBe(201);
    await new Promise((r) => setTimeout(r, 100)); // the audit hook writes after the response
    await sealAudit(source.db);
    const out = join(tmp, "backup");
    const manifest = await backup(source.url, sourceFiles, out);
    expect(manifest.tables.find((x) => x.name === "dossier")?.rows).toBe(1);
    expect(manifest.tables.find((x) => x.name === "regulation")?.rows).toBe(8);
    expect(manifest.files).toHaveLength(1);

    const target = await freshDatabase();
    const targetFiles = join(tmp, "files-b");
    const r = await restore(target.url, targetFiles, out);
    expect(r.ok).toBe(true);
    expect(await fingerprint(target.db)).toEqual(await fingerprint(source.db));
    expect(await new LocalFileStore(targetFiles).get(stored.sha256)).toEqual(
      Buffer.from("%PDF-1.4 bản quét tờ khai"),
    );
    expect((await verifyAudit(target.db)).ok).toBe(true);
    expect((await verifyKpi(target.db)).ok).toBe(true);
    // New rows continue after the restored ids.
    const before = await target.db
      .selectFrom("regulation")
      .select(sql<string>`max(id)`.as("m"))
      .executeTakeFirstOrThrow();
    const next = await sql<{
      id: string;
    }>`SELECT nextval(pg_get_serial_sequence('regulation', 'id'))::text AS id`.execute(target.db);
    expect(BigInt(next.rows[0]?.id ?? 0)).toBeGreaterThan(BigInt(before.m));
  });

  it("refuses a damaged backup and writes nothing", async () => {
    const out = join(tmp, "backup-2");
    await backup(source.url, sourceFiles, out);
    appendFileSync(join(out, "db", "regulation.copy"), "99\tgiả mạo\n");
    const target = await freshDatabase();
    const r = await restore(target.url, join(tmp, "files-c"), out);
    expect(r.ok || r.error.code).toBe("RESTORE_REFUSED");
    expect(r.ok || r.error.message).toContain("db/regulation.copy");
    const n = await target.db
      .selectFrom("regulation")
      .select(target.db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
