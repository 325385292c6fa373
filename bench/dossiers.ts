// Dossier figures: receptions per second and inbox latency at 1 M dossiers, beside bare PostgreSQL.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { loadDeployment } from "../src/agencies/deployment.loader.ts";
import { seedDemoAccounts } from "../src/auth/demo-accounts.seed.ts";
import { ensureReferenceData } from "../src/bootstrap/reference-data.ts";
import { loadCalendar } from "../src/calendar/calendar.repository.ts";
import { createDb, type Db } from "../src/db/database.ts";
import { startEmbeddedServer } from "../src/db/embedded-server.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { ReceptionRequest } from "../src/dossiers/dossier.types.ts";
import { inbox } from "../src/dossiers/dossier-queries.service.ts";
import { receiveDossier } from "../src/dossiers/reception.service.ts";
import { webFigures } from "./web.ts";

const CONCURRENCY = 16;
const SECONDS = 8;
const INBOX_DOSSIERS = Number(process.env.BENCH_INBOX_DOSSIERS ?? 1_000_000);

/** Runs `one` from CONCURRENCY loops for SECONDS; returns completions per second. */
async function rate(
  one: (worker: number, i: number) => Promise<unknown>,
  seconds = SECONDS,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        await one(w, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export async function dossierFigures(log: (s: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-db-"));
  await chmod(dir, 0o755);
  const server = await startEmbeddedServer(join(dir, "pg"), 3911);
  const db = createDb(server.url, CONCURRENCY + 4);
  try {
    await migrateToLatest(db as never);
    const deployment = loadDeployment("ninh-binh");
    await ensureReferenceData(db, deployment, () => {});
    await seedDemoAccounts(db, deployment);
    const cal = await loadCalendar(db, deployment.calendar.sessions);

    // Bare PostgreSQL: autocommit single-row inserts into a plain table, same concurrency.
    await sql`CREATE TABLE bench_bare (id bigserial PRIMARY KEY, payload jsonb NOT NULL)`.execute(db);
    const clients = await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const c = new pg.Client({ connectionString: server.url });
        await c.connect();
        return c;
      }),
    );
    const bareInsert = await rate(
      (w) =>
        clients[w]?.query("INSERT INTO bench_bare (payload) VALUES ($1)", ['{"a":1}']) ?? Promise.resolve(),
    );
    const barePoint = await rate(
      (w, i) =>
        clients[w]?.query("SELECT payload FROM bench_bare WHERE id = $1", [1 + (i % 1000)]) ??
        Promise.resolve(),
      4,
    );
    await Promise.all(clients.map((c) => c.end()));

    const desks = await db
      .selectFrom("official")
      .select(["id", "agency_code"])
      .where("username", "like", "desk.%")
      .orderBy("username")
      .execute();
    const centreDesk = await db
      .selectFrom("official")
      .select(["id", "agency_code"])
      .where("username", "=", "desk")
      .executeTakeFirstOrThrow();
    const req = await benchReception(db);
    const ctx = () => ({ db, deployment, calendar: cal, now: new Date() });
    const across = await rate(async (w, i) => {
      const desk = desks[(w * 7 + i) % desks.length] ?? centreDesk;
      const r = await receiveDossier(
        ctx(),
        { id: desk.id, roles: ["desk"], agencyCode: desk.agency_code },
        req,
      );
      if (!r.ok) throw new Error(r.error.message);
    });
    const oneAgency = await rate(async () => {
      const r = await receiveDossier(
        ctx(),
        { id: centreDesk.id, roles: ["desk"], agencyCode: centreDesk.agency_code },
        req,
      );
      if (!r.ok) throw new Error(r.error.message);
    });

    log("## Dossier reception (one transaction: code counter, projection, journal)");
    log("");
    log(`Embedded PostgreSQL 18, ${CONCURRENCY} concurrent clients, ${SECONDS} s each.`);
    log("");
    log("| what | per second | ratio |");
    log("|---|---:|---:|");
    log(
      `| motcua receptions, spread over ${desks.length} commune desks | ${Math.round(across)} | ${(across / bareInsert).toFixed(2)} of bare insert |`,
    );
    log(
      `| motcua receptions at one desk (codes gap-free: one counter row, serialised) | ${Math.round(oneAgency)} | ${(oneAgency / bareInsert).toFixed(2)} of bare insert |`,
    );
    log(`| bare: single-row INSERT, autocommit | ${Math.round(bareInsert)} | 1.00 |`);
    log(`| bare: point SELECT by primary key | ${Math.round(barePoint)} | |`);
    log("");
    log(
      `Goal ≥1,000 receptions/s sustained: ${across >= 1000 ? "met" : "NOT met"} on this 2-core machine; goal ≥25% of the bare insert rate: ${across / bareInsert >= 0.25 ? "met" : "NOT met"}.`,
    );
    log("");

    // 1 M dossier projections, synthetic, spread over the agencies' holders; then the inbox.
    const t0 = Date.now();
    await sql`
      INSERT INTO dossier (code, pin_hash, procedure_code, procedure_name, process_version, channel, applicant, submission,
        components, receiving_agency, handling_agency, status, dvcqg_status, step_index, step_role, step_agency,
        received_at, due_at, finished_at, last_seq, synthetic)
      SELECT 'BENCH-' || g, '', '1.000894', 'Thủ tục đăng ký kết hôn', 1, 2,
        jsonb_build_object('kind', 'individual', 'name', 'Người dân ' || g, 'idNumber', '035085000123'), '{}'::jsonb, '[]'::jsonb,
        a.code, a.code,
        CASE WHEN (g / 7) % 10 < 7 THEN 'returned' ELSE 'processing' END,
        CASE WHEN (g / 7) % 10 < 7 THEN 10 ELSE 4 END,
        0, (ARRAY['desk','specialist','head','leader','clerk'])[1 + (g / 3) % 5], a.code,
        now() - (g % 365) * interval '1 day', now() + ((g % 40) - 10) * interval '1 day',
        CASE WHEN (g / 7) % 10 < 7 THEN now() ELSE NULL END, 1, true
      FROM generate_series(1, ${INBOX_DOSSIERS}) g
      JOIN LATERAL (SELECT code FROM agency WHERE kind IN ('commune-desk', 'service-centre') ORDER BY code OFFSET (g % 130) LIMIT 1) a ON true`.execute(
      db,
    );
    await sql`ANALYZE dossier`.execute(db);
    const loadMs = Date.now() - t0;
    const total = await db
      .selectFrom("dossier")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const specialist = { id: 0, roles: ["specialist" as const], agencyCode: centreDesk.agency_code };
    const first: number[] = [];
    const deep: number[] = [];
    for (let i = 0; i < 300; i++) {
      let t = performance.now();
      const page = await inbox(db, cal, specialist, { limit: 20 });
      first.push(performance.now() - t);
      let cursor = page.next ?? undefined;
      for (let p = 0; p < 5 && cursor; p++) {
        t = performance.now();
        const next = await inbox(db, cal, specialist, { limit: 20, cursor });
        deep.push(performance.now() - t);
        cursor = next.next ?? undefined;
      }
    }
    const f = percentiles(first);
    const d = percentiles(deep);
    const queue = await db
      .selectFrom("dossier")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("step_agency", "=", centreDesk.agency_code)
      .where("step_role", "=", "specialist")
      .where("finished_at", "is", null)
      .executeTakeFirstOrThrow();
    log(`## Inbox at ${Number(total.n).toLocaleString("en")} dossiers`);
    log("");
    log(
      `Synthetic projections (loaded in ${(loadMs / 1000).toFixed(1)} s); the specialist queue at the service centre holds ${Number(queue.n).toLocaleString("en")} open dossiers. Page of 20, ordered by due date, keyset cursor, in-process service call.`,
    );
    log("");
    log("| what | p50 ms | p95 ms | p99 ms |");
    log("|---|---:|---:|---:|");
    log(`| first page | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.p99.toFixed(2)} |`);
    log(`| pages 2–6 by cursor | ${d.p50.toFixed(2)} | ${d.p95.toFixed(2)} | ${d.p99.toFixed(2)} |`);
    log(
      `| bare: point SELECT by primary key (rate above, per query) | ${(1000 / (barePoint / CONCURRENCY)).toFixed(2)} | | |`,
    );
    log("");
    log(`Goal p95 <20 ms: ${Math.max(f.p95, d.p95) < 20 ? "met" : "NOT met"}.`);
    log("");
    await webFigures(db, deployment, cal, Number(total.n), log);
  } finally {
    await db.destroy();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The reception both benchmarks send: an online marriage registration, one scanned component. */
export async function benchReception(db: Db): Promise<ReceptionRequest> {
  const procedure = await db
    .selectFrom("procedure")
    .select("components")
    .where("code", "=", "1.000894")
    .executeTakeFirstOrThrow();
  return {
    procedureCode: "1.000894",
    channel: 2,
    applicant: {
      kind: "individual",
      name: "Nguyễn Văn An",
      idNumber: "035085000123",
      phone: "",
      email: "",
      address: "",
    },
    submission: { by: "applicant", vneidVerified: true, agencyNetwork: false },
    components: [{ name: procedure.components[0]?.name ?? "", form: "scan", originals: 1, copies: 0 }],
    outcome: "accept",
  };
}
