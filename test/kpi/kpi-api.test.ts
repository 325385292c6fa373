import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { DEMO_PROCEDURE, firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");

describe("KPI API", () => {
  it("publishes the indicator definitions with their confidence, for the 'how is this computed' panel", async () => {
    const r = await t.call("GET", "/api/v1/kpi/indicators");
    expect(r.status).toBe(200);
    expect(r.body.indicators.find((i: { id: string }) => i.id === "3.3")).toMatchObject({
      threshold: 0.5,
      confidence: "S",
    });
  });

  it("procedures without demand: in the province's competence, none received in the period; a dossier takes one off", async () => {
    const before = await t.call(
      "GET",
      "/api/v1/kpi/procedures-without-demand?from=2026-01-01&to=2026-12-31&limit=5000",
    );
    expect(before.status).toBe(200);
    const codes = before.body.items.map((p: { code: string }) => p.code);
    expect(codes).toContain(DEMO_PROCEDURE);
    expect(before.body.total).toBe(before.body.items.length);
    expect(
      before.body.items.every((p: { levels: string[] }) =>
        p.levels.some((l) => l === "Cấp tỉnh" || l === "Cấp xã"),
      ),
    ).toBe(true);
    expect(before.body.byField.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(
      before.body.total,
    );

    const component = await firstComponent(db);
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(component, {
        kind: "individual",
        name: "Nguyễn Văn Cầu",
        idNumber: "035085000123",
      }),
    });
    expect(r.status).toBe(201);
    const after = await t.call(
      "GET",
      "/api/v1/kpi/procedures-without-demand?from=2026-01-01&to=2026-12-31&limit=5000",
    );
    expect(after.body.total).toBe(before.body.total - 1);
    expect(after.body.items.map((p: { code: string }) => p.code)).not.toContain(DEMO_PROCEDURE);
    // The period's last day is included; the day after is not.
    const lastDay = await t.call(
      "GET",
      "/api/v1/kpi/procedures-without-demand?from=2026-03-09&to=2026-03-09&limit=5000",
    );
    expect(lastDay.body.total).toBe(after.body.total);
    const dayBefore = await t.call(
      "GET",
      "/api/v1/kpi/procedures-without-demand?from=2026-03-08&to=2026-03-08&limit=5000",
    );
    expect(dayBefore.body.total).toBe(before.body.total);
    // Fewer than 2 dossiers: the procedure with one dossier is a candidate again.
    const below2 = await t.call(
      "GET",
      "/api/v1/kpi/procedures-without-demand?from=2026-01-01&to=2026-12-31&below=2&limit=5000",
    );
    expect(below2.body.items.find((p: { code: string }) => p.code === DEMO_PROCEDURE)?.dossiers).toBe(1);
  });

  it("a bad period is a Vietnamese 400", async () => {
    const r = await t.call("GET", "/api/v1/kpi/procedures-without-demand?from=2026-12-31&to=2026-01-01");
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("REQUEST_INVALID");
    expect(JSON.stringify(r.body.error)).toContain("ngày cuối phải không trước ngày đầu");
    expect(
      (await t.call("GET", "/api/v1/kpi/procedures-without-demand?from=31/12/2026&to=2026-01-01")).status,
    ).toBe(400);
  });
});

describe("the honest online rate", () => {
  it("a channel-2 dossier keyed by an official's account counts as online, not as applicant-submitted", async () => {
    t.setNow("2026-05-11T09:00:00+07:00");
    const component = await firstComponent(db);
    const online = (submission: Record<string, unknown>) =>
      t.call("POST", "/api/v1/dossiers", {
        as: "desk",
        body: receptionBody(
          component,
          { kind: "individual", name: "Lê Thị Hoa", idNumber: "035085000123" },
          { channel: 2, submission },
        ),
      });
    const before = await t.call("GET", "/api/v1/kpi/scorecard?from=2026-05-11&to=2026-05-11");
    expect(before.body.figures.r_online).toBe(0);
    expect((await online({ by: "official", vneidVerified: true, agencyNetwork: false })).status).toBe(201);
    expect((await online({ by: "applicant", vneidVerified: true, agencyNetwork: false })).status).toBe(201);
    // Read again at once: May is a finished month, and its kept sums gave way to the new version.
    const c = await t.call("GET", "/api/v1/kpi/scorecard?from=2026-05-11&to=2026-05-11");
    const rate = (id: string) => c.body.indicators.find((i: { id: string }) => i.id === id);
    expect([rate("3.3a").numerator, rate("3.3a").denominator]).toEqual([2, 2]);
    expect([rate("3.3b").numerator, rate("3.3b").denominator]).toEqual([1, 2]);
    const suspects = await t.call(
      "GET",
      "/api/v1/kpi/dossiers?from=2026-05-11&to=2026-05-11&figure=online_suspect",
      {
        as: "supervisor",
      },
    );
    expect(suspects.body.items.map((d: { online: string }) => d.online)).toEqual(["official"]);
  });
});
