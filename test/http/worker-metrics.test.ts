import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../support/database.ts";
import { freePort, processEnv, startMotcua, stop } from "../support/processes.ts";

const { url } = await freshDatabase();
const dir = mkdtempSync(join(tmpdir(), "motcua-worker-metrics-"));
chmodSync(dir, 0o755);
const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => stop(c)));
  await rm(dir, { recursive: true, force: true });
});

const TOKEN = "worker-scrape-token-0123456789";

/** The worker's /metrics once its audit sealer (run at start) has reported a success. */
async function scrapeAfterFirstSeal(base: string): Promise<string> {
  const end = Date.now() + 30_000;
  let text = "";
  while (Date.now() < end) {
    const r = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).catch(
      () => null,
    );
    text = r?.ok ? await r.text() : "";
    if (/^motcua_job_last_success_timestamp_seconds\{job="audit-seal"\} \d/m.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}

describe("motcua worker with MOTCUA_WORKER_METRICS_PORT", () => {
  it("serves the metrics registry on that port, behind MOTCUA_METRICS_TOKEN", async () => {
    const port = await freePort();
    const child = await startMotcua(
      ["worker"],
      processEnv(url, dir, "http://127.0.0.1:9", {
        MOTCUA_WORKER_METRICS_PORT: String(port),
        MOTCUA_METRICS_TOKEN: TOKEN,
      }),
    );
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    const text = await scrapeAfterFirstSeal(base);
    // The periodic jobs' last-success times, DVCQG-pulled receptions' counter, the database's gauges.
    expect(text).toMatch(/^motcua_job_last_success_timestamp_seconds\{job="audit-seal"\} \d/m);
    expect(text).toContain("# TYPE motcua_receptions_total counter");
    expect(text).toMatch(/^motcua_metrics_database_up 1$/m);
    expect(text).toMatch(/^motcua_db_pool_in_use\{pool="workers"\}/m);

    const bare = await fetch(`${base}/metrics`);
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe("METRICS_TOKEN_REQUIRED");
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer x".padEnd(38, "x") } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  }, 90_000);
});
