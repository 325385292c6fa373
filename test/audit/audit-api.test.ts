import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { recordAudit, sealAudit, verifyAudit } from "../../src/kernel/audit/audit.repository.ts";
import { PERSONAL_DATA_READS } from "../../src/kernel/audit/audit-policy.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent } from "../support/dossiers.ts";

const { db, url } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const component = await firstComponent(db);
const run = promisify(execFile);
const motcua = (...args: string[]) =>
  run("node", [join(repoRoot, "bin", "motcua.js"), ...args], {
    env: { ...process.env, DATABASE_URL: url, MOTCUA_DEMO: "false" },
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );
// The hook writes after the response: wait until the records are there.
const settle = async (n: number) => {
  for (let i = 0; i < 100; i++) {
    const c = await db.selectFrom("audit_log").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    if (Number(c.n) >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("the audit log", () => {
  it("every listed personal-data read is a real route", () => {
    for (const key of Object.keys(PERSONAL_DATA_READS)) {
      const [method, url] = key.split(" ") as ["GET", string];
      expect(t.app.hasRoute({ method, url }), key).toBe(true);
    }
  });

  it("records an action and a read of personal data with who, what, why and the request id", async () => {
    const made = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: {
        procedureCode: "1.000894",
        channel: 1,
        applicant: { kind: "individual", name: "Nguyễn Văn An", idNumber: "035085000123" },
        submission: { by: "applicant" },
        components: [{ name: component }],
        outcome: "accept",
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const code = made.body.code as string;
    await t.call("GET", `/api/v1/dossiers/${code}`, {
      as: "specialist",
      headers: { "x-purpose": "thẩm định hồ sơ" },
    });
    await t.call("GET", "/api/v1/dossiers/KHONG-CO", { as: "specialist" }); // a refusal, filed under its code
    await settle(3);
    const trail = await t.call("GET", `/api/v1/audit?objectType=dossiers&objectId=${code}`, {
      as: "supervisor",
    });
    // The creation is filed under the code it made; the read under the code it read.
    expect(trail.body.items.map((r: { action: string }) => r.action)).toEqual([
      "GET /api/v1/dossiers/:code",
      "POST /api/v1/dossiers",
    ]);
    const read = trail.body.items[0];
    expect(read).toMatchObject({
      actorKind: "official",
      roles: ["specialist"],
      purpose: "thẩm định hồ sơ",
      status: 200,
    });
    expect(read.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.call("GET", "/api/v1/audit", { as: "specialist" })).status).toBe(403);
  });

  it("cannot be changed by the application; sealing chains it; verify finds tampering", async () => {
    await expect(sql`UPDATE audit_log SET purpose = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await sealAudit(db)).toBeGreaterThanOrEqual(2);
    expect(await sealAudit(db)).toBe(0);
    await expect(sql`UPDATE audit_log SET seal_seq = seal_seq + 100`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    const ok = await verifyAudit(db);
    expect(ok).toMatchObject({ ok: true, unsealed: 0 });
    expect((await motcua("audit", "verify", "--json")).code).toBe(0);

    // Someone with the database owner's rights edits a record behind the application's back.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard`.execute(db);
    await sql`UPDATE audit_log SET purpose = 'sửa lén' WHERE seal_seq = 1`.execute(db);
    await sql`DELETE FROM audit_log WHERE seal_seq = 2`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard`.execute(db);
    const bad = await verifyAudit(db);
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => [p.sealSeq, p.problem])).toEqual(
      expect.arrayContaining([
        [1, "edited"],
        [2, "missing"],
      ]),
    );
    // And a record no sealer took within a minute, which the chain cannot vouch for.
    await recordAudit(db, {
      at: new Date(Date.now() - 2 * 60_000),
      actorKind: "system",
      actorId: null,
      roles: [],
      agencyCode: null,
      action: "stale",
      objectType: "test",
      objectId: "",
      purpose: "",
      requestId: "",
      status: 200,
    });
    const head = `${ok.head?.sealSeq}:${ok.head?.hash}`;
    const cli = await motcua("audit", "verify", "--head", head);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain("bị sửa");
    expect(cli.out).toContain("LỖI: 1 bản ghi chờ niêm phong quá 1 phút");
    expect(cli.out).toContain(`Đầu chuỗi: ${head}`); // the head checked is still there, unchanged
  });
});
