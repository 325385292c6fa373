import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDeployment } from "../../src/app/settings.ts";
import { totpCode } from "../../src/casework/auth/totp.ts";
import { createDb, type Db, withCaFile } from "../../src/kernel/db/database.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { motcua } from "../cli/cli.ts";
import { listen, until } from "../integrations/standins.ts";
import { firstComponent, pendingOutbox, receptionBody } from "../support/dossiers.ts";
import { CLI, freePort, processEnv } from "../support/processes.ts";
import { type Cluster, debianPostgresBin, startCluster } from "./cluster.ts";

/**
 * The production topology on this machine, as SCALING.md and docs/operations.md describe it:
 * Debian's PostgreSQL with a streaming replica, `motcua migrate up`, the first administrator from
 * `motcua admin create` (who creates the officials), two `motcua serve` nodes (workers off) and one
 * `motcua worker`, NODE_ENV=production, no demo data and no stand-ins of their own (DVCQG is a
 * stand-in in this process). One node is killed with SIGKILL in the middle of a burst of
 * receptions sent to both. Runs in the serial phase (vitest.acceptance.config.ts).
 */
const bin = debianPostgresBin();
// Without the server package only a developer's machine may skip; CI installs it (.ci/run).
const skip = !bin && !process.env.CI;

const PASSWORD = "Mật-khẩu-thử-nghiệm-2026";
const METRICS_TOKEN = "topology-scrape-token-0123456789";
let workerMetricsPort = 0;
const dir = mkdtempSync(join(tmpdir(), "motcua-topology-"));
chmodSync(dir, 0o755);
const children: { name: string; child: ChildProcess; log: string }[] = [];
const timings: Record<string, number | string> = {};
let cluster: Cluster | undefined;
let primary: Db | undefined;
const portal = createDvcqgStandin({ username: "motcua", password: "secret", faults: faultsSchema.parse({}) });
let bases: string[] = [];
let env: (extra: Record<string, string>) => NodeJS.ProcessEnv = () => ({});

/** Starts a motcua command with its output in a log file; a serve resolves once /health answers. */
async function start(name: string, args: string[], extra: Record<string, string>) {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, [...CLI, ...args], { env: env(extra), stdio: ["ignore", fd, fd] });
  children.push({ name, child, log });
  const t0 = performance.now();
  const end = Date.now() + 90_000;
  const ready = async () => {
    if (args[0] === "serve") {
      return fetch(`http://127.0.0.1:${extra.PORT}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
    }
    return readFileSync(log, "utf8").includes("motcua worker is running");
  };
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${tail(log)}`);
    if (Date.now() > end) throw new Error(`${name} not ready in 90 s:\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  timings[`${name} start ms`] = Math.round(performance.now() - t0);
  return child;
}

const tail = (file: string) => readFileSync(file, "utf8").slice(-3000);

async function signIn(base: string, username: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  let body = (await r.json()) as { token?: string; error?: { code: string; details?: { secret?: string } } };
  const secret = body.error?.details?.secret;
  if (body.error?.code === "AUTH_TOTP_ENROL" && secret) {
    const again = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD, totp: totpCode(secret, Date.now()) }),
    });
    body = (await again.json()) as typeof body;
  }
  if (!body.token) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.token}` };
}

/** The sum of a metric's samples whose labels include every one of `labels` (`name="value"`). */
function sampleSum(text: string, name: string, labels: string[]): number {
  return text
    .split("\n")
    .filter(
      (l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && labels.every((x) => l.includes(x)),
    )
    .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

afterAll(async () => {
  // Every process this file started, whatever happened: motcua nodes first, then the servers.
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await primary?.destroy().catch(() => {});
  await cluster?.stop();
  await portal.app.close();
  await rm(dir, { recursive: true, force: true });
  if (Object.keys(timings).length) console.log(`production topology: ${JSON.stringify(timings)}`);
});

describe.skipIf(skip)("production topology: Debian PostgreSQL with a replica, two nodes and a worker", () => {
  beforeAll(async () => {
    if (!bin)
      throw new Error("Debian's PostgreSQL is not installed (apt-get install postgresql; .ci/run does)");
    let t0 = performance.now();
    cluster = await startCluster(bin, dir);
    timings["primary and replica ms"] = Math.round(performance.now() - t0);
    // The application's role owns its database and is no superuser (unaccent and pg_trgm are
    // trusted extensions, so the owner creates them in migration 0001).
    const su = await cluster.superuser(cluster.primaryPort);
    await su.query("CREATE ROLE motcua LOGIN PASSWORD 'motcua-owner'");
    await su.query("CREATE DATABASE motcua OWNER motcua");
    await su.end();
    const url = (port: number) => `postgres://motcua:motcua-owner@127.0.0.1:${port}/motcua`;
    const dvcqg = await listen(portal.app);
    env = (extra) =>
      processEnv(url(cluster?.primaryPort ?? 0), dir, dvcqg, {
        NODE_ENV: "production",
        DATABASE_READ_URL: url(cluster?.replicaPort ?? 0),
        // Every connection verifies the servers' certificate (sslmode=verify-full).
        MOTCUA_DB_CA_FILE: cluster?.caFile ?? "",
        MOTCUA_FILE_URL_SECRET: "topology-test-secret-0123456789",
        LOG_LEVEL: "info",
        MOTCUA_METRICS_TOKEN: METRICS_TOKEN,
        ...extra,
      });
    // As an operator upgrades: `motcua migrate up` once, then nodes that refuse pending migrations.
    t0 = performance.now();
    const migrated = await motcua(["migrate", "up", "--json"], env({}) as Record<string, string>);
    expect(migrated.status, migrated.stderr).toBe(0);
    timings["migrate up ms"] = Math.round(performance.now() - t0);
    const deployment = loadDeployment("ninh-binh");
    const centre = deployment.agencies.find((a) => a.kind === "service-centre")?.code ?? "";
    t0 = performance.now();
    const admin = await motcua(
      ["admin", "create", "quantri", "--agency", centre, "--name", "Vũ Văn Quản Trị"],
      env({}) as Record<string, string>,
      `${PASSWORD}\n`,
    );
    expect(admin.status, admin.stderr).toBe(0);
    timings["admin create ms"] = Math.round(performance.now() - t0);
    const ports = [await freePort(), await freePort()];
    workerMetricsPort = await freePort();
    bases = ports.map((p) => `http://127.0.0.1:${p}`);
    t0 = performance.now();
    const node = { MOTCUA_WORKERS: "off", MOTCUA_MIGRATE_ON_START: "false" };
    await Promise.all([
      start("node-a", ["serve"], { PORT: String(ports[0]), ...node }),
      start("node-b", ["serve"], { PORT: String(ports[1]), ...node }),
      start("worker", ["worker"], {
        MOTCUA_MIGRATE_ON_START: "false",
        MOTCUA_WORKER_METRICS_PORT: String(workerMetricsPort),
      }),
    ]);
    primary = createDb(withCaFile(url(cluster.primaryPort), cluster.caFile), 2);
    // The administrator enrols TOTP at the first sign-in, then creates the officials who act.
    const auth = await signIn(bases[0] as string, "quantri");
    for (const o of [
      { username: "tiepnhan", fullName: "Nguyễn Thị Tiếp Nhận", roles: ["desk"] },
      { username: "giamsat", fullName: "Đỗ Văn Giám Sát", roles: ["supervisor"] },
    ]) {
      const r = await fetch(`${bases[1]}/api/v1/officials`, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify({ ...o, password: PASSWORD, agencyCode: centre }),
      });
      expect(r.status, await r.text()).toBe(201);
    }
    timings["two nodes and a worker ms"] = Math.round(performance.now() - t0);
  }, 240_000);

  it("nothing acknowledged is lost and codes stay gap-free when a node is killed mid-load", async () => {
    const db = primary as Db;
    const component = await firstComponent(db);
    const auth = await Promise.all(bases.map((b) => signIn(b, "tiepnhan")));
    const acknowledged: string[] = [];
    const failed: string[] = [];
    let sentToB = 0;
    const nodeB = children.find((c) => c.name === "node-b")?.child as ChildProcess;
    // Four desks' worth of concurrent receptions per node, 40 per node; node B dies after its 12th answer.
    const loop = async (n: number, w: number) => {
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${bases[n]}/api/v1/dossiers`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID(), ...auth[n] },
          body: JSON.stringify(
            receptionBody(component, {
              kind: "individual",
              name: `Người nộp ${n}-${w}-${i}`,
              idNumber: "035085000123",
            }),
          ),
          signal: AbortSignal.timeout(30_000),
        }).catch((e: Error) => e);
        // ECONNREFUSED: sent after the kill; anything else: in flight when node B died.
        if (r instanceof Error) failed.push(`${n}: ${(r.cause as { code?: string })?.code ?? r.message}`);
        else if (r.status === 201) acknowledged.push(((await r.json()) as { code: string }).code);
        else failed.push(`${n}: ${r.status} ${await r.text()}`);
        if (n === 1 && ++sentToB === 12) nodeB.kill("SIGKILL");
      }
    };
    const t0 = performance.now();
    await Promise.all([0, 1].flatMap((n) => [0, 1, 2, 3].map((w) => loop(n, w))));
    timings["80 receptions ms"] = Math.round(performance.now() - t0);
    timings.acknowledged = acknowledged.length;
    timings["refused after the kill"] = failed.filter((f) => f.endsWith("ECONNREFUSED")).length;
    timings["cut off in flight"] = failed.filter((f) => !f.endsWith("ECONNREFUSED")).length;
    expect(nodeB.signalCode, "node B was killed").toBe("SIGKILL");
    // Node A answered all of its 40; node B its first dozen at least, then died.
    expect(acknowledged.length).toBeGreaterThanOrEqual(52);
    expect(
      failed.every((f) => f.startsWith("1:")),
      failed.join("\n"),
    ).toBe(true);

    const stored = await db.selectFrom("dossier").select("code").execute();
    const codes = new Set(stored.map((d) => d.code));
    expect(
      acknowledged.filter((c) => !codes.has(c)),
      "acknowledged but not stored",
    ).toEqual([]);
    // Gap-free per agency and day: each counter's dossiers are exactly 1..last, even where a
    // reception died with its node (its transaction rolled back the counter with it).
    const counters = await db
      .selectFrom("dossier_code_counter")
      .select(["agency_code", "day", "last"])
      .execute();
    const numbers = new Map<string, number[]>();
    for (const code of codes) {
      const [, prefix, seq] = /^(.*)-(\d+)$/.exec(code) ?? [];
      numbers.set(prefix as string, [...(numbers.get(prefix as string) ?? []), Number(seq)]);
    }
    const desk = counters.filter((c) => c.agency_code !== "PAKN");
    expect(desk.length).toBe(numbers.size);
    for (const [prefix, seqs] of numbers) {
      seqs.sort((a, b) => a - b);
      expect(seqs, `codes of ${prefix}`).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(desk.some((c) => c.last === seqs.length && prefix.startsWith(`${c.agency_code}-`))).toBe(true);
    }
    timings["dossiers stored"] = codes.size;
  }, 120_000);

  it("/metrics on the surviving node and on the worker shows the traffic, behind the token", async () => {
    const scrape = async (base: string) => {
      expect((await fetch(`${base}/metrics`)).status, "a scrape without the token").toBe(401);
      const r = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(r.status).toBe(200);
      return r.text();
    };
    const node = await scrape(bases[0] as string);
    // Node A acknowledged all 40 of its receptions (the test above): each is one 201 and one reception.
    expect(
      sampleSum(node, "http_request_duration_seconds_count", ['route="/api/v1/dossiers"', 'status="201"']),
    ).toBe(40);
    expect(sampleSum(node, "motcua_receptions_total", [])).toBe(40);
    expect(sampleSum(node, "motcua_metrics_database_up", [])).toBe(1);
    const worker = await scrape(`http://127.0.0.1:${workerMetricsPort}`);
    expect(
      sampleSum(worker, "motcua_job_last_success_timestamp_seconds", ['job="audit-seal"']),
    ).toBeGreaterThan(0);
    expect(worker).toContain("# TYPE motcua_outbox_backlog gauge");
  }, 30_000);

  it("the worker delivers each event to DVCQG once", async () => {
    const db = primary as Db;
    const t0 = performance.now();
    await until(
      async () => (await pendingOutbox(db, "dvcqg")) === 0,
      60_000,
      "the worker to drain the outbox",
    );
    timings["outbox drained ms"] = Math.round(performance.now() - t0);
    const events = await sql<{ code: string; keys: string[] }>`
      SELECT d.code, array_agg(d.code || '#' || e.seq ORDER BY e.seq) AS keys
      FROM outbox_event e JOIN dossier d ON d.id = e.dossier_id::bigint
      WHERE e.topic = 'dvcqg' GROUP BY d.code`.execute(db);
    const dossiers = await db
      .selectFrom("dossier")
      .select((d) => d.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(events.rows.length).toBe(Number(dossiers.n));
    for (const { code, keys } of events.rows) {
      expect([code, (portal.state.progress.get(code) ?? []).map((e) => e.IdTienDo)]).toEqual([code, keys]);
    }
    expect(portal.state.stats.duplicatesDropped, "an event sent twice").toBe(0);
    expect(portal.state.dossiers.size).toBe(events.rows.length);
    timings["events delivered"] = events.rows.reduce((n, r) => n + r.keys.length, 0);
  }, 90_000);

  it("the scorecard and the report are read from the replica", async () => {
    const c = cluster as Cluster;
    const replica = await c.superuser(c.replicaPort);
    const onPrimary = await c.superuser(c.primaryPort);
    try {
      expect((await replica.query("SELECT pg_is_in_recovery() AS r")).rows[0].r, "a hot standby").toBe(true);
      const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const period = `from=${day}&to=${day}`;
      const scorecard = await fetch(`${bases[0]}/api/v1/kpi/scorecard?${period}`);
      expect(scorecard.status, await scorecard.clone().text()).toBe(200);
      const reason = encodeURIComponent("Báo cáo thử cấu hình sản xuất");
      const report = await fetch(`${bases[0]}/api/v1/kpi/report?${period}&format=xlsx&reason=${reason}`, {
        headers: await signIn(bases[0] as string, "giamsat"),
      });
      expect(report.status, await report.clone().text()).toBe(200);
      expect((await report.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      const sessions = async (client: typeof replica) =>
        (
          await client.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'motcua-read' AND datname = 'motcua'",
          )
        ).rows[0].n as number;
      expect(await sessions(replica), "the replica serves node A's report pool").toBeGreaterThan(0);
      expect(await sessions(onPrimary), "no report pool on the primary").toBe(0);
      // Every session of the application, on both servers, is TLS verified against the CA.
      const tls = async (client: typeof replica) =>
        (
          await client.query(
            "SELECT count(*) FILTER (WHERE s.ssl)::int AS tls, count(*) FILTER (WHERE NOT s.ssl)::int AS plain FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = 'motcua'",
          )
        ).rows[0] as { tls: number; plain: number };
      const [onReplicaTls, onPrimaryTls] = [await tls(replica), await tls(onPrimary)];
      expect(onReplicaTls.plain, "sessions without TLS on the replica").toBe(0);
      expect(onPrimaryTls.plain, "sessions without TLS on the primary").toBe(0);
      expect(onPrimaryTls.tls).toBeGreaterThan(0);
      timings["TLS sessions primary/replica"] = `${onPrimaryTls.tls}/${onReplicaTls.tls}`;
      // The worker and both nodes wrote only to the primary: the standby would have refused.
      const lag = await replica.query("SELECT pg_last_wal_replay_lsn()::text AS lsn");
      timings["replica replayed to"] = lag.rows[0].lsn;
    } finally {
      await replica.end();
      await onPrimary.end();
    }
  }, 60_000);
});
