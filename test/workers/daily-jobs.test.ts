import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadDeployment } from "../../src/app/settings.ts";
import {
  claimDailyRun,
  type DailyJob,
  finishDailyRun,
  readDailyRuns,
  runDueDailyJobs,
  startDailyJobs,
} from "../../src/app/workers/daily-jobs.ts";
import { startWorkers } from "../../src/app/workers/workers.ts";
import { createDb } from "../../src/kernel/db/database.ts";
import { testIntegrations } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db, url } = await freshDatabase();
// A second process on the same database.
const other = createDb(url, 2);
afterAll(() => other.destroy());

const quiet = { info() {}, warn() {}, error() {} };
const clock = (iso: string) => () => new Date(iso);
const HOUR = 3600_000;
const OPTIONS = { tickMs: 20, staleAfterMs: 3 * HOUR, stopWaitMs: 1_000 };

/** A job that counts its runs and takes a moment, so concurrent claimers overlap. */
function counted(name: string, at = "01:00") {
  const job = {
    name,
    at,
    runs: 0,
    run: async () => {
      job.runs++;
      await new Promise((r) => setTimeout(r, 50));
      return null;
    },
  };
  return job;
}

const row = async (name: string) =>
  (await readDailyRuns(db, [name])).get(name) ?? expect.fail(`no scheduled_job row for ${name}`);

describe("daily jobs at a wall-clock time, once across processes", () => {
  it("of twenty concurrent claims of a day's run, exactly one wins", async () => {
    const now = new Date("2026-03-10T01:00:00+07:00");
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        claimDailyRun(k % 2 ? db : other, "claim-race", "2026-03-10", now, 3 * HOUR),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("two processes looking at 01:00 at once run the job once", async () => {
    const job = counted("two-nodes");
    const now = clock("2026-03-10T01:00:05+07:00");
    const [a, b] = await Promise.all([
      runDueDailyJobs(db, [job], now, quiet),
      runDueDailyJobs(other, [job], now, quiet),
    ]);
    expect(job.runs).toBe(1);
    expect([...a, ...b]).toEqual(["two-nodes"]);
    expect(await row("two-nodes")).toMatchObject({ lastRunDay: "2026-03-10" });
  });

  it("a restart after 01:00 whose day's run is not recorded catches up at once, and only once", async () => {
    const job = counted("catch-up");
    // Yesterday's run, made at 01:00 by the process that was then restarted.
    const yesterday = new Date("2026-03-09T01:00:00+07:00");
    expect(await claimDailyRun(db, "catch-up", "2026-03-09", yesterday, 3 * HOUR)).toBe(true);
    await finishDailyRun(db, "catch-up", yesterday, new Date("2026-03-09T01:02:00+07:00"), null);
    const now = clock("2026-03-10T08:00:00+07:00");
    const stop = startDailyJobs(db, [job], now, quiet, OPTIONS);
    await expect.poll(async () => (await row("catch-up")).lastFinishedAt, { timeout: 5_000 }).not.toBeNull();
    await new Promise((r) => setTimeout(r, 100)); // several more ticks
    await stop();
    expect(job.runs).toBe(1);
    expect(await row("catch-up")).toMatchObject({
      lastRunDay: "2026-03-10",
      lastStartedAt: new Date("2026-03-10T08:00:00+07:00"),
    });
    // Restarted again the same day: nothing to do.
    const again = startDailyJobs(db, [job], now, quiet, OPTIONS);
    await new Promise((r) => setTimeout(r, 100));
    await again();
    expect(job.runs).toBe(1);
  });

  it("waits for 01:00 when yesterday's run is recorded, then runs when the clock passes it", async () => {
    const job = counted("on-time");
    const yesterday = new Date("2026-03-09T01:00:00+07:00");
    await claimDailyRun(db, "on-time", "2026-03-09", yesterday, 3 * HOUR);
    await finishDailyRun(db, "on-time", yesterday, yesterday, null);
    let now = new Date("2026-03-10T00:59:00+07:00");
    const stop = startDailyJobs(db, [job], () => now, quiet, OPTIONS);
    await new Promise((r) => setTimeout(r, 100));
    expect(job.runs).toBe(0);
    now = new Date("2026-03-10T01:00:00+07:00");
    await expect.poll(() => job.runs, { timeout: 5_000 }).toBe(1);
    await stop();
  });

  it("a failing job is logged as an error and recorded; the process goes on and the next job runs", async () => {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const failing: DailyJob = {
      name: "failing",
      at: "01:00",
      run: () => Promise.reject(new Error("cổng DVCQG không trả lời")),
    };
    const next = counted("after-failing");
    const ran = await runDueDailyJobs(db, [failing, next], clock("2026-03-10T02:00:00+07:00"), log);
    expect(ran).toEqual(["failing", "after-failing"]);
    expect(next.runs).toBe(1);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ job: "failing", err: "cổng DVCQG không trả lời" }),
      "daily job failed",
    );
    const r = await sql<{ last_error: string | null; last_finished_at: Date | null }>`
      SELECT last_error, last_finished_at FROM scheduled_job WHERE name = 'failing'`.execute(db);
    expect(r.rows[0]).toEqual({
      last_error: "cổng DVCQG không trả lời",
      last_finished_at: new Date("2026-03-10T02:00:00+07:00"),
    });
    // Not retried the same day: tomorrow's run will.
    expect(await runDueDailyJobs(db, [failing], clock("2026-03-10T09:00:00+07:00"), log)).toEqual([]);
  });

  it("the runner survives a database it cannot reach, logging the error", async () => {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const gone = createDb(url.replace(/\/[^/?]+(?=\?|$)/, "/no_such_database"), 1);
    const stop = startDailyJobs(
      gone,
      [counted("unreachable")],
      clock("2026-03-10T02:00:00+07:00"),
      log,
      OPTIONS,
    );
    await expect.poll(() => log.error.mock.calls.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await stop();
    await gone.destroy();
    expect(log.error.mock.calls[0]?.[1]).toBe("daily jobs: could not look up or claim");
  });

  it("a run left unfinished by a dead process is taken over once stale, by one claimer only", async () => {
    const started = new Date("2026-03-10T01:00:00+07:00");
    expect(await claimDailyRun(db, "abandoned", "2026-03-10", started, 3 * HOUR)).toBe(true);
    const job = counted("abandoned");
    expect(await runDueDailyJobs(db, [job], clock("2026-03-10T02:00:00+07:00"), quiet)).toEqual([]);
    const later = clock("2026-03-10T04:00:00+07:00");
    await Promise.all([
      runDueDailyJobs(db, [job], later, quiet),
      runDueDailyJobs(other, [job], later, quiet),
    ]);
    expect(job.runs).toBe(1);
    // The dead process's late finish does not overwrite the run that took over.
    await finishDailyRun(db, "abandoned", started, new Date("2026-03-10T05:00:00+07:00"), "late");
    expect(await row("abandoned")).toMatchObject({ lastStartedAt: new Date("2026-03-10T04:00:00+07:00") });
  });

  it("the workers run retention and outbox pruning at start when today's 01:00 passed unrun (a daily restart)", async () => {
    // Before: setInterval(24 h) from each start, so a server restarted daily never ran them.
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const workers = startWorkers(
      {
        db,
        deployment: loadDeployment("ninh-binh"),
        calendar: () => Promise.reject(new Error("no calendar in this test")),
        now: clock("2026-03-11T07:30:00+07:00"),
      },
      testIntegrations(),
      log,
    );
    try {
      await expect
        .poll(
          async () => {
            const runs = await readDailyRuns(db, ["retention", "outbox-prune"]);
            return [...runs.values()].filter((r) => r.lastRunDay === "2026-03-11" && r.lastFinishedAt).length;
          },
          { timeout: 10_000 },
        )
        .toBe(2);
    } finally {
      await workers.stop();
    }
    expect(log.error.mock.calls.filter(([, m]) => m === "daily job failed")).toEqual([]);
  });
});
