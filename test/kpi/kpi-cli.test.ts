import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loadDeployment } from "../../src/app/settings.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import { loadCalendar } from "../../src/reference/calendar/calendar.repository.ts";
import { generateDemoHistory } from "../../src/tools/demo/demo-history.service.ts";
import { freshDatabase } from "../support/database.ts";

const run = promisify(execFile);
const { db, url } = await freshDatabase();
const deployment = loadDeployment("ninh-binh");
await generateDemoHistory(db, deployment, await loadCalendar(db, deployment.calendar.sessions), {
  dossiers: 2000,
  seed: 3,
  until: new Date("2026-11-27T17:00:00+07:00"),
});

/** The real CLI against this file's database (as CI and an operator run it). */
const motcua = (...args: string[]) =>
  run("node", [join(repoRoot, "bin", "motcua.js"), ...args], {
    env: { ...process.env, DATABASE_URL: url, MOTCUA_DEMO: "false" },
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

describe("motcua kpi verify and motcua report on the demo history", () => {
  it("verify passes on the demo history, and fails (exit 1) once a number is tampered with", async () => {
    const ok = await motcua("kpi", "verify", "--json");
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, dossiers: 2000 });
    await sql`UPDATE kpi_agency_month SET p_on_time = p_on_time + 3
      WHERE ctid = (SELECT ctid FROM kpi_agency_month LIMIT 1)`.execute(db);
    const bad = await motcua("kpi", "verify");
    expect(bad.code, bad.out + bad.err).toBe(1);
    expect(bad.out).toContain("KHÔNG KHỚP");
    expect(bad.out).toContain("kpi_agency_month");
    const rebuilt = await motcua("kpi", "rebuild");
    expect(rebuilt.out).toContain("Đã tính lại 2000 hồ sơ");
    expect((await motcua("kpi", "verify")).code).toBe(0);
  }, 240_000);

  it("report writes the PDF and rejects a bad period in Vietnamese", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "motcua-report-")), "bao-cao.pdf");
    const r = await motcua(
      "report",
      "--from",
      "2026-01-01",
      "--to",
      "2026-10-31",
      "--format",
      "pdf",
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const bad = await motcua("report", "--from", "2026-10-31", "--to", "2026-01-01");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("ngày cuối phải không trước ngày đầu");
  }, 240_000);
});
