import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { parse } from "pg-connection-string";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/settings.ts";
import { poolOf, withCaFile } from "../../src/kernel/db/database.ts";
import { requestPools } from "../../src/kernel/db/request-pools.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

// DATABASE_READ_URL: reports read a replica. A streaming standby refuses every write, so a
// role that may only SELECT stands in for it here (test/production runs a real standby).
const { db, url } = await freshDatabase();
const role = `ro_${randomBytes(4).toString("hex")}`;
await sql`CREATE ROLE ${sql.id(role)} LOGIN PASSWORD 'read-only'`.execute(db);
await sql`GRANT USAGE ON SCHEMA public TO ${sql.id(role)}`.execute(db);
await sql`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${sql.id(role)}`.execute(db);
const readUrl = new URL(url);
readUrl.username = role;
readUrl.password = "read-only";

const pools = requestPools(
  url,
  loadConfig({ DATABASE_READ_URL: readUrl.toString(), MOTCUA_DB_POOL_MAX: "3" }),
);
const reads = pools.reads;
if (!reads) throw new Error("DATABASE_READ_URL gave no read pool");
afterAll(async () => {
  await pools.destroy();
  await sql`DROP OWNED BY ${sql.id(role)}`.execute(db);
  await sql`DROP ROLE ${sql.id(role)}`.execute(db);
});

/** Connections checked out of the replica pool: each route below must take at least one. */
let replicaCheckouts = 0;
poolOf(reads)?.on("acquire", () => {
  replicaCheckouts++;
});

const t = await testApp(db, "2026-03-09T08:00:00+07:00", undefined, undefined, { readDb: reads });
const component = (
  await db
    .selectFrom("procedure")
    .select("components")
    .where("code", "=", "1.000894")
    .executeTakeFirstOrThrow()
).components[0]?.name as string;
const reception = await t.call("POST", "/api/v1/dossiers", {
  as: "desk",
  body: {
    procedureCode: "1.000894",
    channel: 1,
    applicant: { kind: "individual", name: "Nguyễn Văn An", idNumber: "035085000123", phone: "0912345678" },
    submission: { by: "applicant" },
    components: [{ name: component, form: "paper" }],
    outcome: "accept",
  },
});

const REASON = encodeURIComponent("Báo cáo tháng gửi Sở Nội vụ");
const PERIOD = "from=2026-03-01&to=2026-03-31";

describe("reports on a read replica (DATABASE_READ_URL)", () => {
  it("a desk's reception writes the primary, as before", () => {
    expect(reception.status, JSON.stringify(reception.body)).toBe(201);
  });

  it.each([
    ["scorecard", `/api/v1/kpi/scorecard?${PERIOD}`, undefined],
    ["rankings", `/api/v1/kpi/rankings?${PERIOD}&by=commune`, undefined],
    ["trend", "/api/v1/kpi/trend?fromMonth=2026-01&toMonth=2026-03", undefined],
    ["procedures without demand", `/api/v1/kpi/procedures-without-demand?${PERIOD}`, undefined],
    ["overview", "/api/v1/overview", "leader"],
    ["overview drill-down", "/api/v1/overview/dossiers", "leader"],
    ["responsibility flags", "/api/v1/overview/responsibility", "leader"],
    ["KPI drill-down", `/api/v1/kpi/dossiers?${PERIOD}&figure=r_total`, "leader"],
    ["the report (XLSX)", `/api/v1/kpi/report?${PERIOD}&format=xlsx&reason=${REASON}`, "leader"],
  ])("%s is served from the replica, which it never writes to", async (_, url, as) => {
    const before = replicaCheckouts;
    const r = await t.app.inject({ method: "GET", url, headers: as ? await t.as(as) : {} });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(replicaCheckouts, "the replica pool was used").toBeGreaterThan(before);
  });

  it("the replica's sessions are read-only even where the role could write", async () => {
    // Pointed at the primary by mistake, a stray write still fails instead of passing unnoticed.
    const owner = requestPools(url, loadConfig({ DATABASE_READ_URL: url }));
    try {
      await expect(
        sql`UPDATE dossier_code_counter SET last = last`.execute(owner.reads as never),
      ).rejects.toThrow(/read-only transaction/);
      await expect(sql`SELECT 1 AS one`.execute(owner.api)).resolves.toBeTruthy();
    } finally {
      await owner.destroy();
    }
  });

  it("pool size and timeouts come from the environment", () => {
    const p = poolOf(pools.api)?.options as unknown as Record<string, unknown>;
    expect(p).toMatchObject({ max: 3, connectionTimeoutMillis: 5_000, statement_timeout: 30_000 });
    const custom = requestPools(
      url,
      loadConfig({
        MOTCUA_DB_POOL_MAX: "25",
        MOTCUA_DB_CONNECT_TIMEOUT_MS: "1500",
        MOTCUA_DB_STATEMENT_TIMEOUT_MS: "0",
        MOTCUA_DB_IDLE_TIMEOUT_MS: "0",
      }),
    );
    const o = poolOf(custom.api)?.options as unknown as Record<string, unknown>;
    expect(o).toMatchObject({ max: 25, connectionTimeoutMillis: 1_500, idleTimeoutMillis: 0 });
    expect(o.statement_timeout).toBeUndefined();
    expect(custom.reads).toBeNull();
    void custom.destroy();
  });
});

describe("TLS to the database (MOTCUA_DB_CA_FILE)", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-ca-"));
  const ca = join(dir, "ca.pem");
  writeFileSync(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

  it("verifies the server against the CA, as sslmode=verify-full", () => {
    const tls = parse(withCaFile("postgres://motcua:pw@db.tinh.gov.vn:5432/motcua", ca));
    expect(tls.ssl).toMatchObject({ ca: expect.stringContaining("BEGIN CERTIFICATE") });
    expect((tls.ssl as { rejectUnauthorized?: boolean }).rejectUnauthorized).not.toBe(false);
  });

  it("what the URL says about TLS wins", () => {
    const u = new URL(withCaFile("postgres://a@h/d?sslmode=require", ca));
    expect(u.searchParams.get("sslmode")).toBe("require");
    expect(withCaFile("postgres://a@h/d", undefined)).toBe("postgres://a@h/d");
  });

  it("a CA file that does not exist is named at start, in Vietnamese", () => {
    expect(() => loadConfig({ MOTCUA_DB_CA_FILE: join(dir, "missing.pem") })).toThrow(
      /MOTCUA_DB_CA_FILE: không tìm thấy tệp chứng thư CA/,
    );
  });
});
