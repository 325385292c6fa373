// Reform-indicator figures: recompute and verify at 1 M dossiers, dashboard latency at 1 M and 10 M.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { ensureReferenceData } from "../src/app/bootstrap/reference-data.ts";
import { loadDeployment } from "../src/app/settings.ts";
import { MEASURES } from "../src/casework/kpi-facts/measures.ts";
import { createDb, type Db } from "../src/kernel/db/database.ts";
import { startEmbeddedServer } from "../src/kernel/db/embedded-server.ts";
import { migrateToLatest } from "../src/kernel/db/migrate.ts";
import { loadIndicatorSet } from "../src/oversight/kpi/indicators.loader.ts";
import { rebuildKpi, rollUp, verifyKpi } from "../src/oversight/kpi/recompute.service.ts";
import { rankings, trend, unitScorecard } from "../src/oversight/kpi/scorecard.service.ts";
import { percentiles, record, size } from "./record.ts";
import { withMotcua } from "./serve.ts";
import { hammer } from "./workload/load.client.ts";

const DOSSIERS = Number(process.env.BENCH_KPI_DOSSIERS ?? 1_000_000);
const MODEL_DOSSIERS = Number(process.env.BENCH_KPI_MODEL_DOSSIERS ?? 10_000_000);
const DAYS = 1278; // three and a half years of history

/**
 * The synthetic model (labelled synthetic): a received instant in the last 3.5 years, a skewed
 * choice among the province's procedures, a commune desk or the centre, the channel mix of the
 * demo history, most dossiers finished, some late, re-appointed or withdrawn.
 */
const model = (n: number, part = 0, parts = 1) =>
  sql.raw(`
  WITH p AS (SELECT array_agg(code ORDER BY code) AS codes FROM procedure WHERE levels && ARRAY['Cấp tỉnh', 'Cấp xã']),
  a AS (SELECT array_agg(code ORDER BY code) AS codes FROM (
    SELECT code, row_number() OVER (ORDER BY code) AS i FROM agency WHERE kind IN ('commune-desk', 'service-centre')
  ) s WHERE i % ${parts} = ${part})
  SELECT g,
    p.codes[1 + floor(power(random(), 3) * array_length(p.codes, 1))::int] AS procedure_code,
    a.codes[1 + floor(random() * array_length(a.codes, 1))::int] AS agency,
    CASE WHEN random() < 0.62 THEN 2 WHEN random() < 0.9 THEN 1 ELSE 3 END AS channel,
    now() - random() * interval '${DAYS} days' AS received_at,
    random() AS r1, random() AS r2, random() AS r3
  FROM generate_series(1, ${n}) g, p, a`);

/** Bulk-loads n synthetic dossiers with their journals in SQL (labelled synthetic; codes KPI-1…n). */
export async function loadDossiers(db: Db, n: number) {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('motcua.outbox', 'off', true)`.execute(tx);
    await sql`
      INSERT INTO dossier (code, pin_hash, procedure_code, procedure_name, process_version, channel, applicant,
        submission, components, receiving_agency, handling_agency, status, dvcqg_status, step_role, step_agency,
        received_at, first_due_at, due_at, finished_at, late, reappointed, result_kind, signing_state, sync_state,
        identity_check, last_seq, synthetic)
      SELECT 'KPI-' || g, '', procedure_code, '', 1, channel,
        jsonb_build_object('kind', 'individual', 'name', 'Người dân ' || g, 'idNumber', '035085000123'),
        jsonb_build_object('by', CASE WHEN channel = 2 AND r3 < 0.18 THEN 'official' ELSE 'applicant' END,
          'vneidVerified', channel = 2 AND r3 >= 0.18, 'agencyNetwork', channel = 2 AND r3 < 0.18),
        CASE WHEN r2 < 0.75 THEN '[{"name":"Tờ khai","form":"scan","digitised":true}]'::jsonb
          WHEN r2 < 0.83 THEN '[{"name":"Giấy tờ","form":"reuse","reused":true}]'::jsonb
          ELSE '[{"name":"Tờ khai","form":"paper"}]'::jsonb END,
        agency, agency, status, 4, 'specialist', agency,
        received_at, received_at + interval '7 days',
        received_at + interval '7 days' + CASE WHEN reappointed THEN interval '10 days' ELSE interval '0' END,
        finished_at, coalesce(finished_at > received_at + interval '7 days', false) OR reappointed, reappointed,
        CASE WHEN finished_at IS NOT NULL AND status <> 'withdrawn' THEN 'positive' END,
        CASE WHEN finished_at IS NOT NULL AND status <> 'withdrawn' AND r2 < 0.4 THEN 'signed' ELSE 'unsigned' END,
        CASE WHEN r3 < 0.96 THEN 'synced' ELSE 'pending' END,
        CASE WHEN r2 < 0.65 THEN 'verified' ELSE 'not-configured' END,
        2 + reappointed::int + (finished_at IS NOT NULL)::int + (status = 'returned')::int, true
      FROM (
        SELECT m.*, r1 < 0.04 AS reappointed,
          CASE WHEN r1 > 0.99 THEN 'withdrawn' WHEN received_at > now() - interval '20 days' AND r1 < 0.5 THEN 'processing'
            WHEN r1 < 0.08 THEN 'processing' WHEN r1 < 0.2 THEN 'result-ready' ELSE 'returned' END AS status,
          CASE WHEN r1 > 0.99 THEN received_at + interval '2 days'
            WHEN (received_at > now() - interval '20 days' AND r1 < 0.5) OR r1 < 0.08 THEN NULL
            ELSE received_at + r2 * interval '9 days' END AS finished_at
        FROM (${model(n)}) m) x`.execute(tx);
    // A journal that tells the same story, so `kpi verify` checks the projection against it.
    await sql`
      INSERT INTO dossier_action (dossier_id, seq, type, actor_id, actor_agency, at, note, payload, from_status, to_status)
      SELECT d.id, row_number() OVER (PARTITION BY d.id ORDER BY v.o), v.type, NULL, d.receiving_agency, v.at, '', '{}',
        NULL, v.to_status
      FROM dossier d CROSS JOIN LATERAL (VALUES
        (1, 'receive', d.received_at, 'received', true),
        (2, 'forward', d.received_at, 'processing', true),
        (3, 'reappoint', d.first_due_at - interval '1 day', 'processing', d.reappointed),
        (4, CASE WHEN d.status = 'withdrawn' THEN 'withdraw' ELSE 'issue-result' END, d.finished_at,
          CASE WHEN d.status = 'withdrawn' THEN 'withdrawn' ELSE 'result-ready' END, d.finished_at IS NOT NULL),
        (5, 'return-result', d.finished_at, 'returned', d.status = 'returned')) v(o, type, at, to_status, keep)
      WHERE v.keep AND d.code LIKE 'KPI-%'`.execute(tx);
  });
  await sql`ANALYZE`.execute(db);
}

/**
 * The aggregate cells 10 M dossiers of the same model leave: each dossier's reception, finishing
 * and deadline land on their days, grouped in SQL (the tables' size and spread are what the
 * dashboard's speed depends on; 1 M dossiers go through the real rebuild above).
 */
async function modelAggregates(db: Db, n: number) {
  await sql`TRUNCATE kpi_fact, kpi_daily, kpi_agency_day, kpi_agency_month`.execute(db);
  // Built without the secondary index, then indexed once.
  await sql`DROP INDEX kpi_daily_procedure`.execute(db);
  const cols = MEASURES.join(", ");
  const pick = (m: string) => `sum(${m})`;
  // One part per slice of the desks: the parts' cells never share a key, so each part is a plain
  // insert of its own groups (one 10 M grouping spilled for over 10 minutes).
  const parts = Math.max(1, Math.ceil(n / 500_000));
  for (let part = 0; part < parts; part++) {
    const t = Date.now();
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL work_mem = '512MB'`.execute(tx);
      await sql`SET LOCAL synchronous_commit = off`.execute(tx);
      await sql`
      INSERT INTO kpi_daily (day, agency_code, procedure_code, channel, ${sql.raw(cols)})
      SELECT day, agency, procedure_code, channel, ${sql.raw(MEASURES.map(pick).join(", "))} FROM (
        SELECT (received_at + interval '7 hours')::date + e.shift AS day, agency, procedure_code, channel,
          ${sql.raw(
            MEASURES.map((m) => {
              const r = m.startsWith("r_") || m === "p_start";
              const fin = ["p_finished", "p_on_time", "p_minutes", "p_result_doc", "p_result_e"].includes(m);
              const value =
                m === "p_minutes" ? "(r2 * 12960)::int" : m === "p_on_time" ? "(r2 < 0.85)::int" : "1";
              const kind = r ? 0 : fin ? 1 : m === "p_due" ? 2 : m === "p_due_cleared" ? 3 : -1;
              return `CASE WHEN e.kind = ${kind} THEN ${value} ELSE 0 END AS ${m}`;
            }).join(", "),
          )}
        FROM (${model(Math.round(n / parts), part, parts)}) m
        CROSS JOIN LATERAL (VALUES (0, 0), (1, (r2 * 9)::int), (2, 7), (3, greatest(7, (r2 * 9)::int))) e(kind, shift)
      ) c GROUP BY 1, 2, 3, 4`.execute(tx);
    });
    process.stderr.write(`model part ${part + 1}/${parts}: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
  await sql`CREATE INDEX kpi_daily_procedure ON kpi_daily (procedure_code, day)`.execute(db);
  await db.transaction().execute((tx) => rollUp(tx));
  await sql`ANALYZE`.execute(db);
}

/** The dashboard's queries, as the web app sends them. */
async function dashboard(db: Db, n: number) {
  const set = loadIndicatorSet();
  const province = "37";
  const year = { from: "2026-01-01", to: "2026-11-27" };
  const five = { from: "2021-12-01", to: "2026-11-27" };
  const commune = (
    await db
      .selectFrom("agency")
      .select("code")
      .where("kind", "=", "commune-committee")
      .limit(1)
      .executeTakeFirst()
  )?.code;
  const cases: [string, () => Promise<unknown>][] = [
    [
      "scorecard, province, this year (+ previous period and last year)",
      () => unitScorecard(db, set, province, year),
    ],
    ["scorecard, province, five years", () => unitScorecard(db, set, province, five)],
    ["scorecard, one commune, this year", () => unitScorecard(db, set, province, { ...year, unit: commune })],
    ["rankings of 129 communes, this year", () => rankings(db, set, year, "commune")],
    [
      "trend, province, 36 months",
      () => trend(db, set, province, { fromMonth: "2023-12", toMonth: "2026-11" }),
    ],
  ];
  const out: { what: string; p50: number; p95: number; cold: number }[] = [];
  for (const [what, run] of cases) {
    // Cold: right after a change to a finished month, when no kept sum is current.
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sql`UPDATE kpi_history SET version = version + 1`.execute(db);
      const t = performance.now();
      await run();
      cold.push(performance.now() - t);
    }
    for (let i = 0; i < 5; i++) await run();
    const ms: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      await run();
      ms.push(performance.now() - t);
    }
    const p = percentiles(ms);
    out.push({ what, p50: p.p50, p95: p.p95, cold: percentiles(cold).p50 });
  }
  const cells = await sql<{ daily: string; day: string; month: string }>`
    SELECT (SELECT count(*) FROM kpi_daily) AS daily, (SELECT count(*) FROM kpi_agency_day) AS day,
      (SELECT count(*) FROM kpi_agency_month) AS month`.execute(db);
  return { n, rows: out, cells: cells.rows[0] };
}

const HTTP_RATE = 20;

/** The public scorecard and rankings over HTTP, paced, on the database the model filled. */
async function dashboardOverHttp(dbUrl: string, dataDir: string) {
  const year = "from=2026-01-01&to=2026-11-27";
  const served = await withMotcua(
    { port: 3925, dataDir, databaseUrl: dbUrl, env: { MOTCUA_DEMO: "false", MOTCUA_WORKERS: "off" } },
    async (url) => {
      const o = { url, seconds: 8, connections: 4, rate: HTTP_RATE };
      const paths = [
        `/api/v1/kpi/scorecard?${year}`,
        `/api/v1/kpi/rankings?${year}&by=commune`,
        "/api/v1/kpi/trend?fromMonth=2023-12&toMonth=2026-11",
      ];
      // Warm, as the in-process figures are: the kept sums and the server's JIT.
      for (let i = 0; i < 10; i++) for (const p of paths) await (await fetch(`${url}${p}`)).arrayBuffer();
      return [
        await hammer("GET /kpi/scorecard (province, this year)", o, {
          path: `/api/v1/kpi/scorecard?${year}`,
        }),
        await hammer("GET /kpi/rankings (129 communes)", o, {
          path: `/api/v1/kpi/rankings?${year}&by=commune`,
        }),
        await hammer("GET /kpi/trend (36 months)", o, {
          path: "/api/v1/kpi/trend?fromMonth=2023-12&toMonth=2026-11",
        }),
      ];
    },
  );
  return served.result;
}

async function barePoint(db: Db): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await sql`SELECT id FROM dossier WHERE id = ${1 + (i % 1000)}`.execute(db);
    ms.push(performance.now() - t);
  }
  return percentiles(ms).p50;
}

export async function kpiFigures(log: (s: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-kpi-"));
  await chmod(dir, 0o755);
  const server = await startEmbeddedServer(join(dir, "pg"), 3921);
  const db = createDb(server.url, 6);
  try {
    await migrateToLatest(db as never);
    await ensureReferenceData(db, loadDeployment("ninh-binh"), () => {});
    let t = Date.now();
    await loadDossiers(db, DOSSIERS);
    const loadMs = Date.now() - t;
    const rebuilt = await rebuildKpi(db);
    t = Date.now();
    const verified = await verifyKpi(db);
    const verifyMs = Date.now() - t;
    const bare = await barePoint(db);
    const at1m = await dashboard(db, DOSSIERS);
    t = Date.now();
    await modelAggregates(db, MODEL_DOSSIERS);
    const modelMs = Date.now() - t;
    const at10m = await dashboard(db, MODEL_DOSSIERS);
    const http = await dashboardOverHttp(server.url, join(dir, "app"));
    log("## Reform indicators (Decision 766)");
    log("");
    log(
      `Synthetic dossiers of one model, labelled synthetic: 3.5 years, the province's procedures with a skew towards the common ones, 131 receiving desks, the demo's channel mix. ${DOSSIERS.toLocaleString("en")} dossiers with their journals were loaded in ${(loadMs / 1000).toFixed(1)} s and counted by the real rebuild; for ${MODEL_DOSSIERS.toLocaleString("en")} the same model's cells were grouped in SQL (${(modelMs / 1000).toFixed(1)} s), since the dashboard reads only the aggregates. In-process service calls, one client, 60 runs each after 5 warm-ups.`,
    );
    log("");
    log(`| what | at ${size(DOSSIERS)} | at ${size(MODEL_DOSSIERS)} |`);
    log("|---|---:|---:|");
    log(
      `| recompute everything (\`motcua kpi rebuild\`) | ${(rebuilt.ms / 1000).toFixed(1)} s (${Math.round(rebuilt.dossiers / (rebuilt.ms / 1000)).toLocaleString("en")} dossiers/s) | |`,
    );
    log(
      `| \`motcua kpi verify\` (journal, facts, cells, roll-ups) | ${(verifyMs / 1000).toFixed(1)} s, ${verified.ok ? "all equal" : "DIFFERENCES FOUND"} | |`,
    );
    log(
      `| aggregate rows: daily cells / agency-days / agency-months | ${at1m.cells?.daily} / ${at1m.cells?.day} / ${at1m.cells?.month} | ${at10m.cells?.daily} / ${at10m.cells?.day} / ${at10m.cells?.month} |`,
    );
    log("");
    log(
      `| dashboard query | p50 ms at ${size(DOSSIERS)} | p95 ms at ${size(DOSSIERS)} | p50 ms at ${size(MODEL_DOSSIERS)} | p95 ms at ${size(MODEL_DOSSIERS)} | cold ms at ${size(MODEL_DOSSIERS)} | p95 at ${size(MODEL_DOSSIERS)} / bare point SELECT |`,
    );
    log("|---|---:|---:|---:|---:|---:|---:|");
    at1m.rows.forEach((r, i) => {
      const b = at10m.rows[i] as { p50: number; p95: number; cold: number };
      log(
        `| ${r.what} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${b.p50.toFixed(2)} | ${b.p95.toFixed(2)} | ${b.cold.toFixed(2)} | ${(b.p95 / bare).toFixed(0)}× |`,
      );
    });
    log(`| bare: point SELECT by primary key | ${bare.toFixed(2)} | | | | | 1× |`);
    log("");
    log(
      "Warm figures keep the sums of finished months per history version (kpi_history: any change before the current month moves it); the current month is always read live. Cold is the first call after such a change.",
    );
    log("");
    log(
      `Over HTTP at ${size(MODEL_DOSSIERS)} (\`motcua serve\` on this database, workers off; autocannon, 4 connections paced at ${HTTP_RATE}/s for 8 s, latency from when each request was due):`,
    );
    log("");
    log("| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors |");
    log("|---|---:|---:|---:|---:|---:|");
    for (const e of http)
      log(
        `| ${e.name} | ${Math.round(e.requestsPerSec)} | ${e.p50} | ${e.p95} | ${e.p99} | ${e.errors + e.non2xx} |`,
      );
    log("");
    for (const r of at10m.rows)
      record({
        name: `dashboard p95 in-process at ${size(MODEL_DOSSIERS)}: ${r.what}`,
        value: Number(r.p95.toFixed(2)),
        unit: "ms",
        goal: "< 50 ms",
        baseline: Number(bare.toFixed(3)),
        met: r.p95 < 50,
        lowerIsBetter: true,
      });
    for (const e of http)
      record({
        name: `dashboard p95 over HTTP at ${size(MODEL_DOSSIERS)}: ${e.name}`,
        value: e.p95,
        unit: "ms",
        goal: "< 50 ms",
        baseline: null,
        met: e.p95 < 50 && e.errors + e.non2xx === 0,
      });
    const worst = Math.max(...at10m.rows.map((r) => r.p95), ...at1m.rows.map((r) => r.p95));
    const worstHttp = Math.max(...http.map((e) => e.p95));
    log(
      `Goal <50 ms for any dashboard query (10 M in the goal; measured at ${size(MODEL_DOSSIERS)} here): in-process ${worst < 50 ? "met" : "NOT met"} (worst p95 ${worst.toFixed(1)} ms); over HTTP at ${HTTP_RATE}/s ${worstHttp < 50 ? "met" : "NOT met"} (worst p95 ${worstHttp} ms).`,
    );
    log("");
  } finally {
    await db.destroy();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
