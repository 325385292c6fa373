import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb, PROBE_LIMITS, SERVING_LIMITS } from "../../src/kernel/db/database.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

// The server answers or refuses within a bounded time when the database cannot serve: a full
// pool, a held lock, a connection killed under it. It never hangs and never dies.
const { url } = await freshDatabase();
const db = createDb(url, 2, { ...SERVING_LIMITS, acquireMs: 300, lockMs: 500 });
const probeDb = createDb(url, 1, PROBE_LIMITS);
afterAll(async () => {
  await db.destroy();
  await probeDb.destroy();
});
// The server as a test app, with the production pool bounds and a health pool of its own.
const { app } = await testApp(db, "2026-03-09T08:00:00+07:00", undefined, undefined, { probeDb });
const token = (
  await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username: "desk", password: "demo" },
  })
).json().token as string;
const authorization = `Bearer ${token}`;
const component = await firstComponent(db);
const receive = () =>
  app.inject({
    method: "POST",
    url: "/api/v1/dossiers",
    headers: { authorization },
    payload: receptionBody(component, {
      kind: "individual",
      name: "Nguyễn Văn An",
      idNumber: "035085000123",
      phone: "0912345678",
    }),
  });

/** Holds `n` connections of the app's pool in open transactions until `release` is called. */
function occupy(n: number) {
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  const held = Array.from({ length: n }, () => db.transaction().execute(() => released));
  return {
    release: async () => {
      release();
      await Promise.all(held);
    },
  };
}

const admin = async <T>(f: (c: pg.Client) => Promise<T>) => {
  const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
};

describe("database faults", () => {
  it("a full pool answers 503 with Retry-After in Vietnamese, quickly; health still answers", async () => {
    const held = occupy(2);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const r = await receive();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.statusCode).toBe(503);
    expect(r.headers["retry-after"]).toBeDefined();
    expect(r.json().error.message).toContain("thử lại");
    const health = await app.inject({ method: "GET", url: "/api/v1/health" });
    expect(health.statusCode).toBe(200);
    await held.release();
    expect((await receive()).statusCode).toBe(201);
  });

  it("a lock held elsewhere answers 503 after lock_timeout, not a hang", async () => {
    const code = (await receive()).json().code as string;
    await admin(async (c) => {
      const name = new URL(url).pathname.slice(1);
      const other = new pg.Client({
        connectionString: inject("pgAdminUrl").replace(/\/postgres(?=\?|$)/, `/${name}`),
      });
      await other.connect();
      await other.query("BEGIN");
      await other.query("SELECT 1 FROM dossier WHERE code = $1 FOR UPDATE", [code]);
      const started = Date.now();
      const r = await app.inject({
        method: "POST",
        url: `/api/v1/dossiers/${code}/actions`,
        headers: { authorization },
        payload: { type: "forward" },
      });
      expect(r.statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(3_000);
      await other.query("ROLLBACK");
      await other.end();
      void c;
    });
  });

  it("a connection terminated while checked out fails its work; the process lives and recovers", async () => {
    // Before the fix the pg client's 'error' event had no listener: an uncaught exception here.
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const work = db.transaction().execute(async (tx) => {
      await tx.selectFrom("agency").select("code").limit(1).execute();
      await released;
      await tx.selectFrom("agency").select("code").limit(1).execute();
    });
    const outcome = work.then(
      () => "committed",
      () => "failed",
    );
    await new Promise((r) => setTimeout(r, 100));
    const user = new URL(url).username;
    await admin((c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND datname = $2", [
        user,
        new URL(url).pathname.slice(1),
      ]),
    );
    await new Promise((r) => setTimeout(r, 200));
    release();
    expect(await outcome).toBe("failed");
    expect((await receive()).statusCode).toBe(201);
    expect((await app.inject({ method: "GET", url: "/api/v1/health" })).statusCode).toBe(200);
  });
});
