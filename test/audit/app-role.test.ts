import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { sealAudit, verifyAudit } from "../../src/kernel/audit/audit.repository.ts";
import { ensureLoginRole, grantAppRole } from "../../src/kernel/db/app-role.ts";
import { createDb } from "../../src/kernel/db/database.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

// The database's owner (the test superuser) grants a fresh login role what the application needs.
const { db: owner, url } = await freshDatabase();
const role = `app_${randomBytes(4).toString("hex")}`;
await ensureLoginRole(owner, role, "app-password");
await grantAppRole(owner, role);
const appUrl = new URL(url);
appUrl.username = role;
appUrl.password = "app-password";
const db = createDb(appUrl.toString(), 4);
const t = await testApp(db);

describe("the application's database role", () => {
  it("runs the application: receives and moves a dossier, and the audit log is written and sealed", async () => {
    const component = await firstComponent(db);
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(component, { kind: "individual", name: "Lê Thị Hoa", idNumber: "035085000123" }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const fwd = await t.call("POST", `/api/v1/dossiers/${r.body.code}/actions`, {
      as: "desk",
      body: { type: "forward" },
    });
    expect(fwd.status).toBe(200);
    await new Promise((ok) => setTimeout(ok, 100)); // audit records are written after the answer
    expect(await sealAudit(db)).toBeGreaterThan(0);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it("cannot change, delete or truncate audit records, nor switch off the guard", async () => {
    const refused = async (statement: ReturnType<typeof sql>) => {
      const e = await statement.execute(db).then(
        () => null,
        (x: Error) => x.message,
      );
      return e;
    };
    expect(await refused(sql`UPDATE audit_log SET action = 'nothing happened'`)).toMatch(/permission denied/);
    expect(await refused(sql`DELETE FROM audit_log`)).toMatch(/permission denied/);
    expect(await refused(sql`TRUNCATE audit_log`)).toMatch(/permission denied/);
    expect(await refused(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard`)).toMatch(
      /must be owner/,
    );
    expect(await refused(sql`DROP TABLE audit_log`)).toMatch(/must be owner/);
    expect(await refused(sql`DELETE FROM kysely_migration`)).toMatch(/permission denied/);
    // The owner still can (which the hash chain then shows).
    expect(await refused(sql`SELECT count(*) FROM audit_log`)).toBeNull();
  });
});
