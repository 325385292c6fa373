// Sync figures: DVCQG lag at 200 transitions/s and the rate a backlog drains, against the stand-in,
// beside the stand-in's own capacity (the same two calls per change, no database) in the same run.

import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { DvcqgClient } from "../src/adapters/dvcqg/dvcqg.client.ts";
import { dvcqgDeliverer } from "../src/adapters/dvcqg/dvcqg-delivery.service.ts";
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker } from "../src/adapters/outbox/outbox.worker.ts";
import { ensureReferenceData } from "../src/app/bootstrap/reference-data.ts";
import { loadDeployment } from "../src/app/settings.ts";
import { seedDemoAccounts } from "../src/casework/auth/demo-accounts.seed.ts";
import { takeAction } from "../src/casework/dossiers/actions.service.ts";
import { receiveDossier } from "../src/casework/dossiers/reception.service.ts";
import { repoRoot } from "../src/kernel/config/paths.ts";
import { createDb } from "../src/kernel/db/database.ts";
import { startEmbeddedServer } from "../src/kernel/db/embedded-server.ts";
import { migrateToLatest } from "../src/kernel/db/migrate.ts";
import { loadCalendar } from "../src/reference/calendar/calendar.repository.ts";
import { STANDIN_CREDENTIALS } from "../src/tools/standins/standins.ts";
import { benchReception } from "./dossiers.ts";
import { record } from "./record.ts";

const RATE = 200;
const STANDIN_PORT = 3950;
const LAG_SECONDS = Number(process.env.BENCH_SYNC_SECONDS ?? 30);
const BACKLOG_SECONDS = Number(process.env.BENCH_BACKLOG_SECONDS ?? 60);
const quiet = { info() {}, warn() {}, error() {} };

export async function syncFigures(log: (s: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-sync-"));
  await chmod(dir, 0o755);
  const server = await startEmbeddedServer(join(dir, "pg"), 3913);
  const db = createDb(server.url, 24);
  // The portal is another machine in production: here, at least another process.
  const portal = spawn(
    process.execPath,
    [join(repoRoot, "bin/motcua.js"), "standins", "--port", String(STANDIN_PORT)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise((resolve) => portal.stdout?.once("data", resolve));
  const base = `http://127.0.0.1:${STANDIN_PORT}`;
  const { username, password } = STANDIN_CREDENTIALS.dvcqg;
  try {
    await migrateToLatest(db as never);
    const deployment = loadDeployment("ninh-binh");
    await ensureReferenceData(db, deployment, () => {});
    await seedDemoAccounts(db, deployment);
    const cal = await loadCalendar(db, deployment.calendar.sessions);
    const desk = await db
      .selectFrom("official")
      .select(["id", "agency_code"])
      .where("username", "=", "desk")
      .executeTakeFirstOrThrow();
    const req = await benchReception(db);
    const actor = { id: desk.id, roles: ["desk"] as const, agencyCode: desk.agency_code };
    const ctx = () => ({ db, deployment, calendar: cal, now: new Date() });
    const received: string[] = [];
    // One transition: a reception, or the desk forwarding an earlier dossier (half each).
    const transition = async (i: number) => {
      const code = i % 2 === 1 ? received.shift() : undefined;
      if (code) {
        const r = await takeAction(ctx(), code, { ...actor, roles: ["desk"] }, { type: "forward", note: "" });
        if (!r.ok) throw new Error(r.error.message);
        return;
      }
      const r = await receiveDossier(ctx(), { ...actor, roles: ["desk"] }, req);
      if (!r.ok) throw new Error(r.error.message);
      received.push(r.value.code);
    };
    const client = new DvcqgClient({
      baseUrl: base,
      username,
      password,
      unitCode: "37",
      timeoutMs: 5_000,
    });
    const worker = () =>
      new OutboxWorker(
        db,
        "dvcqg",
        dvcqgDeliverer(db, deployment, client, (id) => `${base}/files/${id}`),
        DEFAULT_OUTBOX_OPTIONS,
        quiet,
      );

    // 1. Lag at 200 transitions/s: a paced generator, the worker running alongside.
    const w1 = worker();
    w1.start();
    const t0 = performance.now();
    let made = 0;
    const tickMs = 50;
    const perTick = (RATE * tickMs) / 1000;
    while (performance.now() - t0 < LAG_SECONDS * 1000) {
      const tick = performance.now();
      await Promise.all(Array.from({ length: perTick }, () => transition(made++)));
      const rest = tickMs - (performance.now() - tick);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    const achieved = made / ((performance.now() - t0) / 1000);
    const pending = async () =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM outbox_event WHERE delivered_at IS NULL`.execute(
            db,
          )
        ).rows[0]?.n,
      );
    while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 100));
    await w1.stop();
    const lag = (
      await sql<{ p50: number; p99: number; n: string }>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p50,
          percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float8 AS p99,
          count(*) AS n
        FROM outbox_event`.execute(db)
    ).rows[0];

    // 2. Backlog: the portal is away while BACKLOG_SECONDS of arrivals at 200/s pile up; then it drains.
    const backlog = RATE * BACKLOG_SECONDS;
    for (let i = 0; i < backlog; i += 16) {
      await Promise.all(
        Array.from({ length: Math.min(16, backlog - i) }, (_, k) => transition(made + i + k)),
      );
    }
    made += backlog;
    const w2 = worker();
    const d0 = performance.now();
    w2.start();
    while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 100));
    const drainSec = (performance.now() - d0) / 1000;
    await w2.stop();
    const drainRate = backlog / drainSec;

    // Bare: the same list calls (25 changes a call, 4 calls at a time) straight to the stand-in,
    // with no database: the ceiling the outbox works under.
    const calls = 20_000;
    const slice = DEFAULT_OUTBOX_OPTIONS.slice;
    let next = 0;
    const b0 = performance.now();
    await Promise.all(
      Array.from({ length: DEFAULT_OUTBOX_OPTIONS.concurrency }, async () => {
        while (next < calls) {
          const first = next;
          next += slice;
          const ids = Array.from({ length: slice }, (_, k) => `BARE-${first + k}`);
          await client.pushList(
            "DongBoHoSoMC",
            ids.map((id) => ({ MaHoSo: id }) as never),
          );
          await client.pushList(
            "CapNhatTienDoHoSoMC",
            ids.map((id) => ({ IdTienDo: `${id}#1`, MaHoSo: id }) as never),
          );
        }
      }),
    );
    const bareRate = calls / ((performance.now() - b0) / 1000);

    record({
      name: `sync lag p99 at ${RATE} transitions/s`,
      value: Math.round((lag?.p99 ?? 0) * 1000),
      unit: "ms",
      goal: "< 2,000 ms",
      baseline: null,
      met: (lag?.p99 ?? Number.POSITIVE_INFINITY) < 2,
    });
    record({
      name: "sync backlog drain rate",
      value: Math.round(drainRate),
      unit: "1/s",
      goal: `>= ${5 * RATE}/s (5x arrival)`,
      baseline: Math.round(bareRate),
      met: drainRate >= 5 * RATE,
    });
    log("## DVCQG sync (outbox → stand-in portal)");
    log("");
    log(
      `Transitions: half receptions, half forwards; each is one journal entry and one outbox event, delivered as DongBoHoSoMC (when the status moves) + CapNhatTienDoHoSoMC. The stand-ins run in their own process (\`motcua standins\`); the generator, the worker, the stand-ins and PostgreSQL share the 2 cores.`,
    );
    log("");
    log("| what | value | goal | ratio |");
    log("|---|---:|---:|---:|");
    log(
      `| transitions generated (paced at ${RATE}/s for ${LAG_SECONDS} s) | ${achieved.toFixed(0)}/s | ${RATE}/s | |`,
    );
    log(
      `| sync lag p50 (change committed → portal acknowledged) | ${((lag?.p50 ?? 0) * 1000).toFixed(0)} ms | | |`,
    );
    log(`| sync lag p99 | ${((lag?.p99 ?? 0) * 1000).toFixed(0)} ms | < 2,000 ms | |`);
    log(
      `| backlog of ${BACKLOG_SECONDS} s at ${RATE}/s (${backlog} changes) drained at | ${drainRate.toFixed(0)}/s | ≥ ${5 * RATE}/s (5× arrival) | ${(drainRate / RATE).toFixed(1)}× arrival; ${(drainRate / bareRate).toFixed(2)} of bare |`,
    );
    log(`| bare: the same list calls straight to the stand-in, no database | ${bareRate.toFixed(0)}/s | | |`);
    log("");
  } finally {
    portal.kill("SIGTERM");
    await db.destroy();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
