import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { SCHEMA_TYPES, schemaTypes } from "../../scripts/openapi.ts";
import { WEB_DIST } from "../../src/app/web-app.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { DEMO_PROCEDURE, firstComponent, receptionBody } from "../support/dossiers.ts";

// The endpoints the web app added: overview, officials, the calendar editor, inbox filters.
const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const component = await firstComponent(db);
const person = { kind: "individual", name: "Phạm Thị Tổng Quan", idNumber: "035085000123" };

async function receive(): Promise<string> {
  const r = await t.call("POST", "/api/v1/dossiers", { as: "desk", body: receptionBody(component, person) });
  expect(r.status).toBe(201);
  return r.body.code;
}

describe("web app support", () => {
  it("the committed API types are generated from the current OpenAPI document", async () => {
    expect(await schemaTypes()).toBe(readFileSync(SCHEMA_TYPES, "utf8"));
  });

  it("the initial JavaScript of the web app is at most 250 KB gzipped", () => {
    const report = JSON.parse(readFileSync(join(WEB_DIST, "build-report.json"), "utf8"));
    expect(report.initialJsGzipBytes).toBeGreaterThan(50_000);
    expect(report.initialJsGzipBytes).toBeLessThanOrEqual(250 * 1024);
    // Areas are split: the officials' pages are not in the first download.
    expect(report.chunks.some((c: { file: string }) => c.file.includes("DossierPage"))).toBe(true);
    expect(report.initialFiles.some((f: string) => f.includes("DossierPage"))).toBe(false);
  });

  it("inbox filters: status, overdue, code prefix (with LIKE wildcards taken literally)", async () => {
    const a = await receive();
    const b = await receive();
    const received = await t.call("GET", "/api/v1/inbox?status=received", { as: "desk" });
    expect(received.body.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([a, b]));
    expect((await t.call("GET", "/api/v1/inbox?status=submitted", { as: "desk" })).body.items).toEqual([]);
    const one = await t.call("GET", `/api/v1/inbox?q=${encodeURIComponent(a)}`, { as: "desk" });
    expect(one.body.items.map((i: { code: string }) => i.code)).toEqual([a]);
    expect((await t.call("GET", "/api/v1/inbox?q=%25", { as: "desk" })).body.items).toEqual([]);
    expect((await t.call("GET", "/api/v1/inbox?flag=overdue", { as: "desk" })).body.items).toEqual([]);
    t.setNow("2026-04-30T08:00:00+07:00");
    const late = await t.call("GET", "/api/v1/inbox?flag=overdue", { as: "desk" });
    expect(late.body.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([a, b]));
    expect((await t.call("GET", "/api/v1/inbox?status=nonsense", { as: "desk" })).status).toBe(400);
    t.setNow("2026-03-09T08:00:00+07:00");
  });

  it("inbox paging: dossiers sharing one due date with microseconds are each listed once", async () => {
    await Promise.all([receive(), receive(), receive()]);
    await sql`UPDATE dossier SET due_at = '2026-03-20 10:00:00.123456+07'`.execute(db);
    const seen: string[] = [];
    let cursor: string | null = "";
    for (let i = 0; i < 50 && cursor !== null; i++) {
      const page = await t.call("GET", `/api/v1/inbox?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
        as: "desk",
      });
      seen.push(...page.body.items.map((d: { code: string }) => d.code));
      cursor = page.body.next;
    }
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    const total = await db
      .selectFrom("dossier")
      .select((e) => e.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(seen).toHaveLength(Number(total.n));
  });

  it("overview: counts by status, agency and commune; drill-down lists the same dossiers; leaders only", async () => {
    const code = await receive();
    const o = await t.call("GET", "/api/v1/overview", { as: "leader" });
    expect(o.status).toBe(200);
    expect(o.body.scope).toBe("subtree");
    const received = o.body.byStatus.find((s: { status: string }) => s.status === "received");
    expect(received.count).toBeGreaterThanOrEqual(1);
    const agency = o.body.byAgency.find((a: { code: string }) => a.code === "DEMO.37.TTPVHCC");
    expect(agency.open).toBe(o.body.totals.open);
    const drill = await t.call(
      "GET",
      "/api/v1/overview/dossiers?agency=DEMO.37.TTPVHCC&status=received&limit=100",
      {
        as: "leader",
      },
    );
    expect(drill.body.items.map((d: { code: string }) => d.code)).toContain(code);
    expect(drill.body.items).toHaveLength(received.count);
    t.setNow("2026-04-30T08:00:00+07:00");
    const later = await t.call("GET", "/api/v1/overview", { as: "admin" });
    expect(later.body.scope).toBe("province");
    expect(later.body.totals.overdue).toBe(
      later.body.totals.open -
        later.body.byStatus
          .filter((s: { status: string }) => s.status === "result-ready")
          .reduce((n: number, s: { count: number }) => n + s.count, 0),
    );
    const flags = await t.call("GET", "/api/v1/overview/responsibility", { as: "leader" });
    expect(flags.body.examined).toBeGreaterThan(0);
    t.setNow("2026-03-09T08:00:00+07:00");
    expect((await t.call("GET", "/api/v1/overview", { as: "specialist" })).status).toBe(403);
    expect((await t.call("GET", "/api/v1/overview")).status).toBe(401);
  });

  it("officials: administrators create and move officials; a move ends the official's sessions", async () => {
    const created = await t.call("POST", "/api/v1/officials", {
      as: "admin",
      body: {
        username: "cv.moi",
        password: "mat-khau-dai-du",
        fullName: "Chuyên Viên Mới",
        agencyCode: "DEMO.37.TTPVHCC",
        roles: ["specialist"],
      },
    });
    expect(created.status).toBe(201);
    const again = await t.call("POST", "/api/v1/officials", {
      as: "admin",
      body: {
        username: "CV.MOI",
        password: "mat-khau-dai-du",
        fullName: "Trùng",
        agencyCode: "DEMO.37.TTPVHCC",
        roles: ["desk"],
      },
    });
    expect(again.status).toBe(409);
    const login = await t.call("POST", "/api/v1/auth/login", {
      body: { username: "cv.moi", password: "mat-khau-dai-du" },
    });
    const bearer = { authorization: `Bearer ${login.body.token}` };
    expect((await t.call("GET", "/api/v1/auth/me", { headers: bearer })).body.roles).toEqual(["specialist"]);
    const moved = await t.call("PATCH", `/api/v1/officials/${created.body.id}`, {
      as: "admin",
      body: { agencyCode: "DEMO.37.SXD" },
    });
    expect(moved.body.sessionsEnded).toBe(1);
    expect((await t.call("GET", "/api/v1/auth/me", { headers: bearer })).status).toBe(401);
    expect(
      (
        await t.call("PATCH", `/api/v1/officials/${created.body.id}`, {
          as: "admin",
          body: { agencyCode: "NOPE" },
        })
      ).status,
    ).toBe(400);
    // The role is checked before the body is read: a leader learns nothing of what it expects.
    expect((await t.call("POST", "/api/v1/officials", { as: "leader", body: {} })).status).toBe(403);
    const list = await t.call("GET", "/api/v1/officials?q=cv.moi", { as: "admin" });
    expect(list.body.items[0].agencyCode).toBe("DEMO.37.SXD");
    // Non-administrators see only their own agency (whom a head may assign to).
    const mine = await t.call("GET", "/api/v1/officials?agency=DEMO.37.SXD", { as: "head" });
    expect(mine.body.items.every((o: { agencyCode: string }) => o.agencyCode === "DEMO.37.TTPVHCC")).toBe(
      true,
    );
  });

  it("calendar: an administrator's override is listed and removable; others may not edit", async () => {
    const put = await t.call("PUT", "/api/v1/calendar/days/2026-11-24", {
      as: "admin",
      body: { working: false, nameVi: "Ngày Văn hóa Việt Nam", source: "Nghị quyết 2025" },
    });
    expect(put.status).toBe(200);
    const days = await t.call("GET", "/api/v1/calendar/days?year=2026");
    const day = days.body.items.find((d: { date: string }) => d.date === "2026-11-24");
    expect(day).toMatchObject({ working: false, origin: "override", nameVi: "Ngày Văn hóa Việt Nam" });
    expect(days.body.items.some((d: { nameVi: string }) => /Tết/.test(d.nameVi))).toBe(true);
    expect(
      (
        await t.call("PUT", "/api/v1/calendar/days/2026-11-25", {
          as: "desk",
          body: { working: false, nameVi: "Nghỉ bù" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call("PUT", "/api/v1/calendar/days/25-11-2026", {
          as: "admin",
          body: { working: false, nameVi: "Nghỉ" },
        })
      ).status,
    ).toBe(400);
    const del = await t.call("DELETE", "/api/v1/calendar/days/2026-11-24", { as: "admin" });
    expect(del.body.removed).toBe(true);
  });

  it("the procedure under test has a receivable catalogue entry with very long component names", async () => {
    const p = await t.call("GET", `/api/v1/procedures/${DEMO_PROCEDURE}`);
    const longest = Math.max(...p.body.components.map((c: { name: string }) => c.name.length));
    expect(longest).toBeGreaterThan(500);
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: {
        ...receptionBody(component, person),
        components: p.body.components.map((c: { name: string }) => ({ name: c.name })),
      },
    });
    expect(r.status).toBe(201);
  });
});
