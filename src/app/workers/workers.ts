import { dvcqgDeliverer, markSynced } from "../../adapters/dvcqg/dvcqg-delivery.service.ts";
import { pullOnlineDossiers } from "../../adapters/dvcqg/dvcqg-pull.service.ts";
import { reconcileWithPortal } from "../../adapters/dvcqg/dvcqg-reconcile.service.ts";
import { notifyDeliverer } from "../../adapters/notify/notify-delivery.service.ts";
import { pruneDelivered, setTopicEnabled } from "../../adapters/outbox/outbox.repository.ts";
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker, type WorkerLog } from "../../adapters/outbox/outbox.worker.ts";
import { reconcilePayments } from "../../adapters/payment/payment.service.ts";
import { completePendingChecks } from "../../adapters/population/population.service.ts";
import { pullNationalResults } from "../../adapters/registry/national-results.service.ts";
import { OcrReader, ocrPending } from "../../casework/documents/ocr.worker.ts";
import { markLate } from "../../casework/dossiers/deadlines.service.ts";
import { purgeExpiredResponses } from "../../casework/dossiers/idempotency.repository.ts";
import { purgeExpiredPersonalData } from "../../casework/dossiers/retention.service.ts";
import { sealAudit } from "../../kernel/audit/audit.repository.ts";
import { signedFilePath } from "../../kernel/files/signed-url.ts";
import { sendDueReminders } from "../../oversight/steering/reminders.service.ts";
import type { AppContext, Integrations } from "../context.ts";
import { countReceptions, jobSucceeded } from "../observability/process-metrics.ts";
import { type DailyJob, startDailyJobs } from "./daily-jobs.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Vietnam time (+07:00) of each daily job: at night, spread out, the portal's list before office hours. */
const DAILY_AT = { retention: "01:00", "outbox-prune": "01:30", "dvcqg-reconcile": "02:00" } as const;
/** DVCQG gets a week to fetch a submitted file through its link. */
const FILE_LINK_SECONDS = 7 * 24 * 3600;

/** A periodic job that never overlaps itself and logs instead of crashing the process. */
function every(ms: number, name: string, log: WorkerLog, job: () => Promise<unknown>, immediately = false) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await job();
      jobSucceeded(name);
      if (result) log.info({ job: name, result }, "worker job done");
    } catch (e) {
      log.error({ job: name, err: String(e) }, "worker job failed");
    } finally {
      running = false;
    }
  };
  if (immediately) void run();
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The background work of an instance: outbox delivery to DVCQG, identity checks left pending,
 * payment reconciliation, daily portal reconciliation, the deadline pass, steering reminders, audit sealing and outbox pruning.
 * Any number of processes may run it on one database (claims use SKIP LOCKED).
 */
export function startWorkers(ctx: AppContext, i: Integrations, log: WorkerLog) {
  const outbox: OutboxWorker[] = [];
  const stops: (() => void)[] = [];
  const daily: DailyJob[] = [];
  if (i.dvcqg) {
    const client = i.dvcqg;
    const fileUrl = (id: string) =>
      `${i.publicUrl}${signedFilePath(i.fileUrlSecret, id, Math.floor(Date.now() / 1000) + FILE_LINK_SECONDS)}`;
    outbox.push(
      new OutboxWorker(
        ctx.db,
        "dvcqg",
        dvcqgDeliverer(ctx.db, ctx.deployment, client, fileUrl),
        { ...DEFAULT_OUTBOX_OPTIONS, onSent: markSynced },
        log,
      ),
    );
    stops.push(
      every(
        30_000,
        "dvcqg-pull",
        log,
        async () => {
          const r = await pullOnlineDossiers(ctx.db, ctx.deployment, client, i.files, ctx.now());
          countReceptions(2, r.received);
          return r.received || r.skipped.length ? r : null;
        },
        true,
      ),
    );
    daily.push({
      name: "dvcqg-reconcile",
      at: DAILY_AT["dvcqg-reconcile"],
      run: async () => {
        const since = new Date(Date.now() - 90 * DAY).toISOString().slice(0, 10);
        const r = await reconcileWithPortal(ctx.db, client, { requeue: true, since });
        return r.ok
          ? {
              compared: r.value.compared,
              localOnly: r.value.localOnly.length,
              portalOnly: r.value.portalOnly.length,
              mismatched: r.value.mismatched.length,
            }
          : { failed: r.error.reason };
      },
    });
  }
  if (i.population) {
    const gw = i.population;
    stops.push(
      every(
        MINUTE,
        "identity-pending",
        log,
        async () => (await completePendingChecks(ctx.db, gw, ctx.now)) || null,
      ),
    );
  }
  if (i.registry) {
    const registry = i.registry;
    stops.push(
      every(
        5 * MINUTE,
        "registry-results",
        log,
        async () => (await pullNationalResults(ctx.db, registry, i.files, ctx.now)) || null,
      ),
    );
  }
  if (i.paygov) {
    const paygov = i.paygov;
    stops.push(
      every(5 * MINUTE, "payment-reconcile", log, async () => {
        const cal = await ctx.calendar();
        const n = await reconcilePayments({
          db: ctx.db,
          deployment: ctx.deployment,
          calendar: cal,
          now: ctx.now(),
          paygov,
          files: i.files,
          publicUrl: i.publicUrl,
        });
        return n || null;
      }),
    );
  }
  stops.push(
    every(60 * MINUTE, "deadline-pass", log, async () => (await markLate(ctx.db, ctx.now())) || null, true),
  );
  stops.push(
    every(
      60 * MINUTE,
      "steering-reminders",
      log,
      async () => (await sendDueReminders(ctx.db, ctx.deployment.steering.reminderDays, ctx.now())) || null,
      true,
    ),
  );
  // Audit records join the hash chain a few seconds after they are written.
  // Also at once on start: a process restarted often (a crash loop, a deploy) still seals.
  stops.push(every(3_000, "audit-seal", log, async () => (await sealAudit(ctx.db)) || null, true));
  // Kept reception responses (with their encrypted PINs) live 24 hours; any node may delete them.
  stops.push(
    every(60 * MINUTE, "idempotency-purge", log, async () => (await purgeExpiredResponses(ctx.db)) || null),
  );
  const ocr = new OcrReader();
  stops.push(every(30_000, "ocr", log, async () => (await ocrPending(ctx.db, i.files, ocr)) || null));
  stops.push(() => void ocr.close());
  daily.push({
    name: "outbox-prune",
    at: DAILY_AT["outbox-prune"],
    run: async () => (await pruneDelivered(ctx.db, 30)) || null,
  });
  // Personal data of refused and abandoned dossiers, once their retention has run out.
  daily.push({
    name: "retention",
    at: DAILY_AT.retention,
    run: async () => {
      let purged = 0;
      for (;;) {
        const r = await purgeExpiredPersonalData(ctx.db, i.files, ctx.deployment.retention, ctx.now());
        purged += r.dossiers;
        if (r.dossiers < 500) return purged ? { purged } : null;
      }
    },
  });
  // At a wall-clock time, once across processes, caught up after a restart (not 24 h after start).
  const stopDaily = startDailyJobs(ctx.db, daily, () => ctx.now(), log);
  if (i.notifier) {
    outbox.push(
      new OutboxWorker(
        ctx.db,
        "notify",
        notifyDeliverer(ctx.db, ctx.deployment, i.notifier, i.publicUrl),
        DEFAULT_OUTBOX_OPTIONS,
        log,
      ),
    );
  }
  void setTopicEnabled(ctx.db, "notify", i.notifier !== null).catch((e) =>
    log.error({ err: String(e) }, "outbox topic"),
  );
  for (const w of outbox) w.start();
  return {
    async stop() {
      for (const s of stops) s();
      await Promise.all([stopDaily(), ...outbox.map((w) => w.stop())]);
    },
  };
}
