import { createServer } from "node:net";
import { Writable } from "node:stream";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/app/observability/logger.ts";
import { jobSucceeded } from "../../src/app/observability/process-metrics.ts";
import { sealAudit } from "../../src/kernel/audit/audit.repository.ts";
import { createDb, onConnectionLost, PROBE_LIMITS, poolOf } from "../../src/kernel/db/database.ts";
import { startVneidStandin } from "../../src/tools/standins/vneid.standin.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox, receptionBody } from "../support/dossiers.ts";

const TOKEN = "metrics-token-0123456789";
const { db, url } = await freshDatabase();
const probeDb = createDb(url, 1, PROBE_LIMITS);
// A port nothing listens on: the probe's connection is refused at once.
const closedPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const deadProbe = createDb(`postgres://motcua:x@127.0.0.1:${closedPort}/motcua`, 1, PROBE_LIMITS);
afterAll(async () => {
  await probeDb.destroy();
  await deadProbe.destroy();
});

// DVCQG "configured" (never called here), so readiness watches its outbox topic.
const t = await testApp(db, undefined, { dvcqg: {} as never }, undefined, {
  probeDb,
  metrics: { enabled: true, token: TOKEN },
});
const down = await testApp(db, undefined, undefined, undefined, { probeDb: deadProbe });
const off = await testApp(db, undefined, undefined, undefined, { metrics: { enabled: false, token: null } });
const component = await firstComponent(db);
const applicant = { kind: "individual", name: "Nguyễn Văn An", idNumber: "035085000123" };

async function scrape(app = t.app, authorization = `Bearer ${TOKEN}`) {
  const r = await app.inject({ method: "GET", url: "/metrics", headers: { authorization } });
  expect(r.statusCode, r.body).toBe(200);
  return r.body;
}

/** The sample of `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const ready = (app = t.app) => app.inject({ method: "GET", url: "/health/ready" });

describe("GET /metrics", () => {
  it("a committed reception counts once by channel, its replay not at all, and its route pattern gets a duration sample", async () => {
    const before = await scrape();
    const receptions = () => sample(before, "motcua_receptions_total", { channel: "in-person" }) ?? 0;
    const headers = { "idempotency-key": "metrics-reception-0001" };
    const body = receptionBody(component, applicant);
    const first = await t.call("POST", "/api/v1/dossiers", { as: "desk", body, headers });
    expect(first.status).toBe(201);
    expect((await t.call("POST", "/api/v1/dossiers", { as: "desk", body, headers })).status).toBe(201);
    expect((await t.call("GET", `/api/v1/dossiers/${first.body.code}`, { as: "desk" })).status).toBe(200);
    const after = await scrape();
    expect(sample(after, "motcua_receptions_total", { channel: "in-person" })).toBe(receptions() + 1);
    const route = { method: "POST", route: "/api/v1/dossiers", status: "201" };
    expect(sample(after, "http_request_duration_seconds_count", route)).toBeGreaterThanOrEqual(2);
    expect(
      sample(after, "http_request_duration_seconds_bucket", { ...route, le: "+Inf" }),
    ).toBeGreaterThanOrEqual(2);
    // The pattern, never the code: one series for every dossier.
    expect(sample(after, "http_request_duration_seconds_count", { route: "/api/v1/dossiers/:code" })).toBe(1);
    expect(after).not.toContain(first.body.code);
  });

  it("the outbox gauges are the pending events per topic and the age of the oldest", async () => {
    await sql`UPDATE outbox_event SET created_at = clock_timestamp() - interval '2 minutes'
      WHERE topic = 'dvcqg' AND delivered_at IS NULL`.execute(db);
    const text = await scrape();
    const pending = await pendingOutbox(db, "dvcqg");
    expect(pending).toBeGreaterThan(0);
    expect(sample(text, "motcua_outbox_backlog", { topic: "dvcqg" })).toBe(pending);
    expect(sample(text, "motcua_outbox_oldest_seconds", { topic: "dvcqg" })).toBeGreaterThanOrEqual(120);
    expect(sample(text, "motcua_outbox_backlog", { topic: "notify" })).toBe(
      await pendingOutbox(db, "notify"),
    );
    expect(sample(text, "motcua_sync_lag_seconds")).toBeGreaterThanOrEqual(120);
    expect(sample(text, "motcua_metrics_database_up")).toBe(1);
  });

  it("shows the pools, the audit chain's unsealed records and the jobs' last successes", async () => {
    await sql`INSERT INTO scheduled_job (name, last_run_day, last_started_at, last_finished_at)
      VALUES ('retention', '2026-03-09', '2026-03-09T01:00:00Z', '2026-03-09T01:00:05Z')`.execute(db);
    jobSucceeded("audit-seal", new Date("2026-03-09T08:00:00Z"));
    const text = await scrape();
    expect(sample(text, "motcua_job_last_success_timestamp_seconds", { job: "retention" })).toBe(
      Date.parse("2026-03-09T01:00:05Z") / 1000,
    );
    expect(sample(text, "motcua_job_last_success_timestamp_seconds", { job: "audit-seal" })).toBe(
      Date.parse("2026-03-09T08:00:00Z") / 1000,
    );
    expect(sample(text, "motcua_db_pool_in_use", { pool: "api" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "motcua_db_pool_waiting", { pool: "probe" })).toBe(0);
    expect(sample(text, "motcua_audit_unsealed")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "motcua_audit_seal_lag_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("asks for the bearer token when one is set", async () => {
    for (const authorization of ["", "Bearer wrong-token-0123456789", `Basic ${TOKEN}`]) {
      const r = await t.app.inject({ method: "GET", url: "/metrics", headers: { authorization } });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe("METRICS_TOKEN_REQUIRED");
    }
  });

  it("answers without the database's gauges when the database cannot be read, and is absent when turned off", async () => {
    const text = await scrape(down.app, "");
    expect(sample(text, "motcua_metrics_database_up")).toBe(0);
    expect(sample(text, "motcua_outbox_backlog", { topic: "dvcqg" })).toBeUndefined();
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect((await off.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(404);
  });
});

describe("/health/live and /health/ready", () => {
  it("live answers without the database; ready is 503 when the database does not answer, saying which check failed", async () => {
    const live = await down.app.inject({ method: "GET", url: "/health/live" });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: "ok" });
    // The 4XX the document declares for the probes.
    expect((await down.app.inject({ method: "GET", url: "/health/live?x=%00" })).statusCode).toBe(400);
    const r = await ready(down.app);
    expect(r.statusCode).toBe(503);
    expect(r.headers["retry-after"]).toBe("5");
    expect(r.json().status).toBe("unready");
    expect(r.json().checks.database.status).toBe("failing");
    expect(r.json().checks.migrations.status).toBe("skipped");
  });

  it("ready is 200 when the database answers, migrations are current and nothing is stuck", async () => {
    const r = await ready();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      status: "ready",
      checks: {
        database: { status: "ok" },
        migrations: { status: "ok" },
        auditSealer: { status: "ok" },
        outbox: { status: "ok" },
      },
    });
    expect(r.json().checks.replica).toBeUndefined();
  });

  it("an audit record unsealed for over 600 s makes the node unready until the sealer catches up", async () => {
    await sealAudit(db);
    await sql`INSERT INTO audit_log (at, actor_kind, action, object_type, status, details)
      VALUES ('2026-03-09T07:49:00+07:00', 'system', 'test', 'test', 200, '{}')`.execute(db); // 11 min before the app's clock
    const r = await ready();
    expect(r.statusCode).toBe(503);
    expect(r.json().checks.auditSealer.reason).toContain("600");
    await sealAudit(db);
    expect((await ready()).json().checks.auditSealer.status).toBe("ok");
  });

  it("an outbox topic with an event waiting 900 s and no delivery or attempt since is stuck; a failed attempt is not", async () => {
    await sql`UPDATE outbox_event SET created_at = clock_timestamp() - interval '16 minutes'
      WHERE topic = 'dvcqg' AND delivered_at IS NULL`.execute(db);
    const stuck = await ready();
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json().checks.outbox.reason).toContain("dvcqg");
    // DVCQG down: the worker still tries, and each try is recorded.
    await sql`INSERT INTO outbox_failure (topic, event_id, reason, detail)
      SELECT 'dvcqg', id, 'unreachable', '' FROM outbox_event WHERE topic = 'dvcqg' LIMIT 1`.execute(db);
    expect((await ready()).json().checks.outbox.status).toBe("ok");
  });
});

describe("logs", () => {
  const capture = () => {
    const lines: string[] = [];
    const to = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, to };
  };

  it("are JSON lines with ISO times off a terminal, readable lines on one", async () => {
    const json = capture();
    (await createLogger("info", false, json.to)).info({ code: "X" }, "motcua is serving");
    const line = JSON.parse(json.lines.join(""));
    expect(line.msg).toBe("motcua is serving");
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const tty = capture();
    (await createLogger("info", true, tty.to)).info({ code: "X" }, "motcua is serving");
    const text = tty.lines.join("");
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: motcua is serving/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("a connection the server drops is reported to the log's sink, not written raw to stderr", async () => {
    const lost: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write");
    onConnectionLost((e) => lost.push(e.message));
    const victim = createDb(url, 1, PROBE_LIMITS);
    try {
      const client = await poolOf(victim)?.connect();
      const pid = (await client?.query("SELECT pg_backend_pid() AS pid"))?.rows[0].pid;
      client?.release();
      await sql`SELECT pg_terminate_backend(${pid}::int)`.execute(db);
      await vi.waitFor(() => expect(lost).toHaveLength(1));
      expect(stderr.mock.calls.filter(([s]) => String(s).includes("connection lost"))).toEqual([]);
    } finally {
      stderr.mockRestore();
      await victim.destroy();
    }
  });

  it("the VNeID stand-in writes nothing into the stream (no in-memory adapter warning)", async () => {
    const warn = vi.spyOn(console, "warn");
    const info = vi.spyOn(console, "info");
    const vneid = await startVneidStandin({
      port: 0,
      clientId: "c",
      clientSecret: "s",
      redirectUris: ["http://127.0.0.1/cb"],
    });
    await vneid.close();
    expect([...warn.mock.calls, ...info.mock.calls]).toEqual([]);
    warn.mockRestore();
    info.mockRestore();
  });
});
