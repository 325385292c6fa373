import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { productionProblems, refuseDemoInProduction } from "../../src/app/bootstrap/production.ts";
import { loadConfig } from "../../src/app/settings.ts";
import { isDemo } from "../../src/tools/demo/demo.settings.ts";
import { freshDatabase } from "../support/database.ts";
import { freePort, startMotcua, stop } from "../support/processes.ts";
import { cliEnv, motcua } from "./cli.ts";

const dir = mkdtempSync(join(tmpdir(), "motcua-prod-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("production start (NODE_ENV=production)", { timeout: 90_000 }, () => {
  it("MOTCUA_DEMO=auto means off, even on the embedded database", () => {
    expect(isDemo({ MOTCUA_DEMO: "auto" })).toBe(true);
    expect(isDemo({ MOTCUA_DEMO: "auto", NODE_ENV: "production" })).toBe(false);
    expect(productionProblems(loadConfig({ NODE_ENV: "production", MOTCUA_DATA_DIR: dir }))).toEqual([]);
  });

  it("the demo CA's keys in the PKI folder are refused, unless allowed", () => {
    const pki = join(dir, "pki");
    mkdirSync(join(pki, "trusted"), { recursive: true });
    writeFileSync(join(pki, "demo-ca-key.pem"), "");
    writeFileSync(join(pki, "trusted", "demo-ca.pem"), "");
    const env = { NODE_ENV: "production", MOTCUA_DATA_DIR: dir };
    expect(productionProblems(loadConfig(env)).map((p) => p.en)).toEqual([
      "the PKI folder holds demo keys (demo-ca-key.pem, trusted/demo-ca.pem)",
    ]);
    expect(() => refuseDemoInProduction(loadConfig(env))).toThrow(/khóa\/chứng thư demo/);
    expect(() =>
      refuseDemoInProduction(loadConfig({ ...env, MOTCUA_ALLOW_DEMO_IN_PRODUCTION: "true" })),
    ).not.toThrow();
    // Outside production the demo CA is what demo mode uses.
    expect(productionProblems(loadConfig({ MOTCUA_DATA_DIR: dir }))).toEqual([]);
  });

  it("serve with demo settings refuses to start: exit 1, the reasons in Vietnamese", async () => {
    const { url } = await freshDatabase();
    const r = await motcua(
      ["serve"],
      cliEnv(url, { NODE_ENV: "production", MOTCUA_DEMO: "true", MOTCUA_STANDINS: "true", PORT: "1" }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "Lỗi [START_DEMO_IN_PRODUCTION]: NODE_ENV=production nhưng: đang bật chế độ demo",
    );
    expect(r.stderr).toContain("hệ thống giả lập");
    expect(r.stderr).toContain("MOTCUA_ALLOW_DEMO_IN_PRODUCTION=true");
  });

  it("told explicitly, it starts in demo mode, and still creates no demo accounts or data", async () => {
    const { db, url } = await freshDatabase();
    await db.deleteFrom("official").where("is_demo", "=", true).execute();
    const env = cliEnv(url, {
      NODE_ENV: "production",
      MOTCUA_DEMO: "true",
      MOTCUA_STANDINS: "false",
      MOTCUA_DEMO_DOSSIERS: "20",
      MOTCUA_ALLOW_DEMO_IN_PRODUCTION: "true",
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
    });
    const app = await startMotcua(["serve"], { ...process.env, ...env });
    try {
      const officials = await db
        .selectFrom("official")
        .select("username")
        .where("is_demo", "=", true)
        .execute();
      expect(officials).toEqual([]);
      const dossiers = await db
        .selectFrom("dossier")
        .select(db.fn.countAll<string>().as("n"))
        .executeTakeFirst();
      expect(Number(dossiers?.n)).toBe(0);
    } finally {
      await stop(app);
    }
  });
});
