import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkConfig } from "../../src/app/bootstrap/config-check.ts";
import { motcua } from "./cli.ts";

const dir = mkdtempSync(join(tmpdir(), "motcua-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { MOTCUA_DATA_DIR: dir };

describe("motcua config check", () => {
  it("a sound production environment: a summary of what will run", () => {
    const r = checkConfig({
      ...base,
      NODE_ENV: "production",
      DATABASE_URL: "postgres://motcua_app@db/motcua",
      MIGRATION_DATABASE_URL: "postgres://motcua_owner@db/motcua",
      MOTCUA_TSA_URL: "https://tsa.example.vn/",
    });
    expect(r).toEqual({
      ok: true,
      summary: expect.objectContaining({
        database: "external",
        ownerRole: "separate",
        mode: "production",
        demo: false,
        standins: false,
        tsa: "https://tsa.example.vn/",
        signing: expect.objectContaining({ seal: false, signersFile: false }),
      }),
    });
  });

  it("names every bad variable, not only the first, in Vietnamese", () => {
    const r = checkConfig({ ...base, PORT: "abc", MOTCUA_DEMO: "maybe", MOTCUA_PUBLIC_URL: "not a url" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byKey = Object.fromEntries(r.problems.map((p) => [p.key, p.message]));
    expect(Object.keys(byKey).sort()).toEqual(["MOTCUA_DEMO", "MOTCUA_PUBLIC_URL", "PORT"]);
    expect(byKey.MOTCUA_DEMO).toContain('mong đợi một trong các giá trị "auto"|"true"|"false"');
    expect(byKey.MOTCUA_PUBLIC_URL).toBe("URL không hợp lệ");
  });

  it("a missing deployment file, an owner URL without a database, and demo settings in production", () => {
    const r = checkConfig({
      ...base,
      NODE_ENV: "production",
      MOTCUA_DEMO: "true",
      MOTCUA_DEPLOYMENT: "khong-co",
      MIGRATION_DATABASE_URL: "postgres://owner@db/motcua",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.source} ${p.key}`)).toEqual([
      "deployment (tệp)",
      "env MIGRATION_DATABASE_URL",
      "production NODE_ENV",
      "production NODE_ENV",
    ]);
    expect(r.problems[0]?.message).toContain("không có tệp triển khai");
    expect(r.problems[2]?.message).toContain("chế độ demo");
  });

  it("a signers.json that does not parse is a problem before any start", () => {
    const pki = mkdtempSync(join(dir, "pki-"));
    writeFileSync(join(pki, "signers.json"), JSON.stringify({ officials: { x: { kind: "nope" } } }));
    const r = checkConfig({ ...base, MOTCUA_PKI_DIR: pki });
    expect(r.ok ? [] : r.problems.map((p) => p.source)).toEqual(["signing"]);
  });

  it("the command: one line per problem and exit 1; --json for programs; exit 0 when fine", async () => {
    const bad = await motcua(["config", "check"], { ...base, PORT: "abc", MOTCUA_DEMO: "maybe" });
    expect(bad.status).toBe(1);
    const lines = bad.stdout.trim().split("\n");
    expect(lines[0]).toBe("Cấu hình có 2 lỗi:");
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^ {2}Biến môi trường MOTCUA_DEMO: /),
      expect.stringMatching(/^ {2}Biến môi trường PORT: /),
    ]);
    const good = await motcua(["config", "check", "--json"], { ...base, DATABASE_URL: "postgres://a@b/c" });
    expect(good.status, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      ok: true,
      summary: { database: "external", demo: false },
    });
  });
});
