import { sql } from "kysely";
import type { WorkerLog } from "../../adapters/outbox/outbox.worker.ts";
import type { Db } from "../../kernel/db/database.ts";
import { type DailyRunState, dueRunDay } from "./daily-jobs-due.ts";

export interface DailyJob {
  name: string;
  /** Wall-clock time in Vietnam (+07:00), "HH:MM". */
  at: string;
  /** What it did, for the log; null or undefined when there was nothing to do. */
  run: () => Promise<unknown>;
}

export interface DailyJobsOptions {
  /** How often the runner looks whether a job is due. */
  tickMs: number;
  /** A claimed run unfinished after this long is taken over: the process that claimed it died. */
  staleAfterMs: number;
  /** How long stop() waits for a job in flight before the caller closes the database under it. */
  stopWaitMs: number;
}

export const DEFAULT_DAILY_OPTIONS: DailyJobsOptions = {
  tickMs: 60_000,
  staleAfterMs: 3 * 3600_000,
  stopWaitMs: 10_000,
};

export async function readDailyRuns(db: Db, names: string[]): Promise<Map<string, DailyRunState>> {
  const r = await sql<{ name: string } & DailyRunState>`
    SELECT name, to_char(last_run_day, 'YYYY-MM-DD') AS "lastRunDay", last_started_at AS "lastStartedAt",
      last_finished_at AS "lastFinishedAt"
    FROM scheduled_job WHERE name = ANY(${names}::text[])`.execute(db);
  return new Map(r.rows.map(({ name, ...state }) => [name, state]));
}

/**
 * Claims a day's run of a job; true for exactly one of any number of concurrent claimers. The
 * conditional upsert repeats dueRunDay's rule, so a claimer that read an old state loses.
 */
export async function claimDailyRun(
  db: Db,
  name: string,
  day: string,
  now: Date,
  staleAfterMs: number,
): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  const r = await sql`
    INSERT INTO scheduled_job (name, last_run_day, last_started_at)
    VALUES (${name}, ${day}::date, ${now})
    ON CONFLICT (name) DO UPDATE
      SET last_run_day = EXCLUDED.last_run_day, last_started_at = EXCLUDED.last_started_at,
        last_finished_at = NULL, last_error = NULL
      WHERE scheduled_job.last_run_day < EXCLUDED.last_run_day
        OR (scheduled_job.last_run_day = EXCLUDED.last_run_day AND scheduled_job.last_finished_at IS NULL
          AND scheduled_job.last_started_at <= ${staleBefore})
    RETURNING name`.execute(db);
  return r.rows.length === 1;
}

/** Records the end of a claimed run, unless another process has taken the run over since. */
export async function finishDailyRun(
  db: Db,
  name: string,
  startedAt: Date,
  finishedAt: Date,
  error: string | null,
): Promise<void> {
  await sql`
    UPDATE scheduled_job SET last_finished_at = ${finishedAt}, last_error = ${error}
    WHERE name = ${name} AND last_started_at = ${startedAt}`.execute(db);
}

/** One look: runs, one after another, the jobs due now that this process manages to claim. */
export async function runDueDailyJobs(
  db: Db,
  jobs: readonly DailyJob[],
  now: () => Date,
  log: WorkerLog,
  o: Pick<DailyJobsOptions, "staleAfterMs"> = DEFAULT_DAILY_OPTIONS,
  stopping: () => boolean = () => false,
): Promise<string[]> {
  const ran: string[] = [];
  const states = await readDailyRuns(
    db,
    jobs.map((j) => j.name),
  );
  for (const job of jobs) {
    if (stopping()) break;
    const startedAt = now();
    const day = dueRunDay(startedAt, job.at, states.get(job.name) ?? null, o.staleAfterMs);
    if (!day || !(await claimDailyRun(db, job.name, day, startedAt, o.staleAfterMs))) continue;
    ran.push(job.name);
    let error: string | null = null;
    try {
      const result = await job.run();
      if (result) log.info({ job: job.name, day, result }, "daily job done");
    } catch (e) {
      error = String(e instanceof Error ? e.message : e).slice(0, 2000);
      log.error({ job: job.name, day, err: error }, "daily job failed");
    }
    await finishDailyRun(db, job.name, startedAt, now(), error);
  }
  return ran;
}

/**
 * Runs daily jobs at their wall-clock time, once a day across every process on the database, and
 * catches up at start when today's time has passed unrun (a server restarted daily still runs
 * them). Never throws: trouble is logged. Returns stop, which waits a little for a job in flight.
 */
export function startDailyJobs(
  db: Db,
  jobs: readonly DailyJob[],
  now: () => Date,
  log: WorkerLog,
  o: DailyJobsOptions = DEFAULT_DAILY_OPTIONS,
): () => Promise<void> {
  for (const j of jobs) if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(j.at)) throw new Error(`${j.name}: at ${j.at}`);
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  const tick = () => {
    if (inFlight || stopped) return;
    inFlight = runDueDailyJobs(db, jobs, now, log, o, () => stopped)
      .then(
        () => {},
        (e) => log.error({ err: String(e) }, "daily jobs: could not look up or claim"),
      )
      .finally(() => {
        inFlight = null;
      });
  };
  tick();
  const timer = setInterval(tick, o.tickMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (inFlight) await Promise.race([inFlight, new Promise((r) => setTimeout(r, o.stopWaitMs).unref())]);
  };
}
