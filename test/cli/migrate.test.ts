import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { cliEnv, emptyDatabase, motcua } from "./cli.ts";

/** The advisory lock kysely's PostgreSQL adapter takes around a migration run. */
const KYSELY_LOCK_ID = "3853314791062309107";

describe("motcua migrate", { timeout: 60_000 }, () => {
  let url: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    url = await emptyDatabase();
    env = cliEnv(url);
  });

  it("status on an empty database: nothing applied, every migration pending, no version", async () => {
    const r = await motcua(["migrate", "status", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.applied).toEqual([]);
    expect(s.version).toBeNull();
    expect(s.pending[0]).toBe("0001-foundation");
    expect(s.pending.at(-1)).toBe(s.latest);
  });

  it("MOTCUA_MIGRATE_ON_START=false: serve refuses while migrations are pending, in Vietnamese", async () => {
    const r = await motcua(["serve"], { ...env, MOTCUA_MIGRATE_ON_START: "false", PORT: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("START_MIGRATIONS_PENDING");
    expect(r.stderr).toContain("chạy `motcua migrate up`");
    expect(r.stderr).toContain("0001-foundation");
  });

  it("two `migrate up` at once: both exit 0 and each migration runs exactly once", async () => {
    // Hold kysely's migration lock until both processes wait on it, so they truly overlap.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(${KYSELY_LOCK_ID})`);
    let settled = false;
    const runs = Promise.all([
      motcua(["migrate", "up", "--json"], env),
      motcua(["migrate", "up", "--json"], env),
    ]).finally(() => {
      settled = true;
    });
    for (let waiting = 0; waiting < 2 && !settled; ) {
      await new Promise((r) => setTimeout(r, 200));
      const q = await holder.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      waiting = q.rows[0].n;
    }
    await holder.query(`SELECT pg_advisory_unlock(${KYSELY_LOCK_ID})`);
    const [a, b] = await runs;
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const ranA: string[] = JSON.parse(a.stdout).applied;
    const ranB: string[] = JSON.parse(b.stdout).applied;
    // Serialised by the lock: one does the work, the other finds nothing left to do.
    expect([ranA.length, ranB.length].sort((x, y) => x - y)[0]).toBe(0);
    const rows = await holder.query("SELECT name FROM kysely_migration ORDER BY name");
    await holder.end();
    expect([...ranA, ...ranB].sort()).toEqual(rows.rows.map((r) => r.name));
    expect(JSON.parse(a.stdout).pending).toEqual([]);
  }, 120_000);

  it("up again: nothing to do; status in words names the version", async () => {
    const up = await motcua(["migrate", "up"], env);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toContain("Không có migration nào cần chạy.");
    const st = await motcua(["migrate", "status"], env);
    expect(st.stdout).toMatch(/Phiên bản lược đồ: \d{4}-/);
    expect(st.stdout).toContain("Lược đồ đã mới nhất.");
  });
});
