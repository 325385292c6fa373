import ExcelJS from "exceljs";
import { sql } from "kysely";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildKpi, verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { hasOpenpyxl, readWithOpenpyxl } from "../support/openpyxl.ts";
import { CENTRE, type HandDossier, insertHandDossiers, JUSTICE } from "./hand-built.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-04-15T08:00:00+07:00");
const REASON = encodeURIComponent("Báo cáo quý I gửi Bộ Nội vụ");

// A commune made of old communes, and one of those old codes, for the merged-units case.
const merged = (
  await sql<{ old_code: string; new_code: string; kind: string }>`
    SELECT s.old_code, s.new_code, s.kind FROM unit_succession s
    JOIN admin_unit u ON u.code = s.new_code AND u.era = 'post2025' AND u.province_code = '37'
    WHERE s.level = 'commune' AND s.old_code <> s.new_code
      AND NOT EXISTS (SELECT 1 FROM admin_unit n WHERE n.code = s.old_code AND n.era = 'post2025')
    ORDER BY s.new_code, s.old_code LIMIT 1`.execute(db)
).rows[0] as { old_code: string; new_code: string; kind: string };
const communeDesk = `DEMO.37.X${merged.new_code}.MC`;
const communeCommittee = `DEMO.37.X${merged.new_code}`;

/**
 * March 2026 at the Public Administration Service Centre (receiving) and the Department of
 * Justice (competent). Expected values are worked out by hand in each test.
 */
const DOSSIERS: HandDossier[] = [
  // D1: received in February, finished on time in March, signed e-result.
  {
    code: "D1",
    receivedAt: "2026-02-20T09:00:00+07:00",
    firstDueAt: "2026-03-10T17:00:00+07:00",
    finishedAt: "2026-03-05T10:00:00+07:00",
    status: "result-ready",
    resultKind: "positive",
    signed: true,
    synced: true,
    population: true,
    components: [{ digitised: true }],
  },
  // D2: finished late, paper result.
  {
    code: "D2",
    receivedAt: "2026-03-02T09:00:00+07:00",
    firstDueAt: "2026-03-09T17:00:00+07:00",
    finishedAt: "2026-03-12T09:00:00+07:00",
    late: true,
    status: "result-ready",
    resultKind: "positive",
    synced: true,
    population: true,
    components: [{ digitised: true }, {}],
  },
  // D3: re-appointed, finished before the new date: still late. All components reused.
  {
    code: "D3",
    receivedAt: "2026-03-03T09:00:00+07:00",
    firstDueAt: "2026-03-10T17:00:00+07:00",
    dueAt: "2026-03-20T17:00:00+07:00",
    reappointedAt: "2026-03-09T10:00:00+07:00",
    finishedAt: "2026-03-18T09:00:00+07:00",
    status: "returned",
    resultKind: "positive",
    synced: true,
    components: [{ reused: true }],
  },
  // D4: online by the applicant (VNeID), open and within its deadline at the period's end.
  {
    code: "D4",
    receivedAt: "2026-03-30T14:00:00+07:00",
    firstDueAt: "2026-04-06T17:00:00+07:00",
    status: "processing",
    channel: 2,
    vneid: true,
    synced: true,
  },
  // D5: "online" keyed by an official; open and overdue at the period's end.
  {
    code: "D5",
    receivedAt: "2026-03-03T09:00:00+07:00",
    firstDueAt: "2026-03-24T17:00:00+07:00",
    status: "processing",
    channel: 2,
    by: "official",
    synced: true,
  },
  // D6: withdrawn: received, but not in the processing indicators.
  {
    code: "D6",
    receivedAt: "2026-03-04T09:00:00+07:00",
    firstDueAt: "2026-03-11T17:00:00+07:00",
    finishedAt: "2026-03-06T09:00:00+07:00",
    status: "withdrawn",
  },
  // D7: online, unverified account, received at 23:30 on the last day (16:30 UTC): in March.
  {
    code: "D7",
    receivedAt: "2026-03-31T23:30:00+07:00",
    firstDueAt: "2026-04-07T17:00:00+07:00",
    status: "processing",
    channel: 2,
  },
  // D8: ten past midnight on 1 April (still 31 March in UTC): not in March.
  {
    code: "D8",
    receivedAt: "2026-04-01T00:10:00+07:00",
    firstDueAt: "2026-04-08T17:00:00+07:00",
    status: "processing",
    channel: 2,
    vneid: true,
  },
  // D9: received and finished in February: not active in March.
  {
    code: "D9",
    receivedAt: "2026-02-01T09:00:00+07:00",
    firstDueAt: "2026-02-10T17:00:00+07:00",
    finishedAt: "2026-02-09T09:00:00+07:00",
    status: "result-ready",
    resultKind: "positive",
  },
  // D10: refused at reception (mẫu 03): never received.
  {
    code: "D10",
    receivedAt: "2026-03-05T09:00:00+07:00",
    finishedAt: "2026-03-05T09:00:00+07:00",
    status: "refused",
  },
  // D11: paused for a supplement, its deadline extended past the period's end.
  {
    code: "D11",
    receivedAt: "2026-03-05T09:00:00+07:00",
    firstDueAt: "2026-03-20T17:00:00+07:00",
    dueAt: "2026-04-02T17:00:00+07:00",
    finishedAt: null,
    status: "supplement-requested",
  },
  // D12: at a commune desk of a merged commune, finished on time with a negative result.
  {
    code: "D12",
    receivedAt: "2026-03-16T09:00:00+07:00",
    firstDueAt: "2026-03-25T17:00:00+07:00",
    finishedAt: "2026-03-20T09:00:00+07:00",
    status: "result-ready",
    resultKind: "negative",
    receiving: communeDesk,
    handling: communeCommittee,
  },
  // D13: liên thông: competent agency Construction, with a sub-case at Justice; open, in time.
  {
    code: "D13",
    receivedAt: "2026-03-25T09:00:00+07:00",
    firstDueAt: "2026-04-03T17:00:00+07:00",
    status: "processing",
    handling: "DEMO.37.SXD",
  },
];

beforeAll(async () => {
  await insertHandDossiers(db, DOSSIERS);
  const d13 = await db.selectFrom("dossier").select("id").where("code", "=", "D13").executeTakeFirstOrThrow();
  await db
    .insertInto("dossier_subcase")
    .values({
      dossier_id: d13.id,
      agency_code: JUSTICE,
      opened_at: new Date("2026-03-26T09:00:00+07:00"),
      note: "",
    })
    .execute();
  await rebuildKpi(db);
});

const card = async (query: string) => {
  const r = await t.call("GET", `/api/v1/kpi/scorecard?from=2026-03-01&to=2026-03-31${query}`);
  expect(r.status).toBe(200);
  return r.body;
};
type Scored = { numerator: number; denominator: number; rate: number | null; score: number | null };
const ind = (c: { indicators: (Scored & { id: string })[] }, id: string) =>
  c.indicators.find((i) => i.id === id) as Scored;

describe("counting each dossier in the right period and unit (hand-built March 2026)", () => {
  it("received in March: D2–D7, D11–D13 (not D8 at 00:10 on 1 April, not D10 refused)", async () => {
    const c = await card("");
    // 9 received: D2, D3, D4, D5, D6, D7, D11, D12, D13.
    expect(c.figures.r_total).toBe(9);
    expect(c.figures.r_withdrawn).toBe(1);
    // 1.4 synced: D2, D3, D4, D5 of the 9.
    expect([ind(c, "1.4").numerator, ind(c, "1.4").denominator]).toEqual([4, 9]);
    expect(ind(c, "1.4").score).toBeCloseTo((4 / 9) * 6, 10);
    // Digitised: D3 (reused), D4, D5, D7 (filed online); D2 has a paper component.
    expect(c.figures.r_digitised).toBe(4);
    expect(c.figures.r_reused).toBe(1);
    expect(c.figures.r_population).toBe(1);
  });

  it("2.1 on time: (finished on time + open within the deadline at the end) / active in the period", async () => {
    const c = await card("");
    // Active: D1 (carried over), D2, D3, D4, D5, D7, D11, D12, D13 = 9 (D6 withdrawn, D9 done in February).
    expect(c.figures.p_active).toBe(9);
    // Finished in March: D1, D2, D3, D12; on time: D1, D12 (D3 was re-appointed: late).
    expect([c.figures.p_finished, c.figures.p_on_time, c.figures.p_late]).toEqual([4, 2, 2]);
    // Open at the end: D4, D5, D7, D11 (paused, extended), D13; overdue: D5.
    expect([c.figures.p_open_end, c.figures.p_overdue_open_end, c.figures.p_within_deadline_end]).toEqual([
      5, 1, 4,
    ]);
    expect([ind(c, "2.1").numerator, ind(c, "2.1").denominator]).toEqual([6, 9]);
    expect(ind(c, "2.1").score).toBeCloseTo((6 / 9) * 20, 10);
    // 2.2: minutes from reception to result: D1 18,780 + D2 14,400 + D3 21,600 + D12 5,760.
    expect(ind(c, "2.2").rate).toBe(60_540 / 4);
  });

  it("electronic results, online rates, and what is not computed", async () => {
    const c = await card("");
    // Results that are documents: D1, D2, D3 (D12 negative); signed: D1.
    expect([ind(c, "4.1").numerator, ind(c, "4.1").denominator]).toEqual([1, 3]);
    // Reported online: D4, D5, D7; by the applicant themself: D4 only.
    expect([ind(c, "3.3a").numerator, ind(c, "3.3b").numerator]).toEqual([3, 1]);
    // No fee asked: 3.6 does not apply; no PAKN in March: 5.2 does not apply either.
    for (const id of ["3.6", "5.2"]) expect(ind(c, id).rate).toBeNull();
    // 5.4: 100% − (late 2 + overdue at the end 1 + with a PAKN or "dislike" 0) / 9 active, below T = 90%.
    expect([ind(c, "5.4").numerator, ind(c, "5.4").denominator]).toEqual([6, 9]);
    expect(ind(c, "5.4").score).toBeCloseTo((6 / 9 / 0.9) * 6, 10);
    const satisfaction = c.groups.find((g: { id: string }) => g.id === "satisfaction");
    expect(satisfaction).toMatchObject({ unassigned: 6 });
  });

  it("the previous period and the same period a year earlier", async () => {
    const c = await card("");
    expect(c.previous.period).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    expect(c.lastYear.period).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    // February: D1 and D9 received, both synced? D1 yes, D9 no: 1.4 = 1/2.
    expect(c.previous.rates["1.4"]).toBe(0.5);
    expect(c.lastYear.rates["1.4"]).toBeNull();
  });

  it("units: receiving-agency figures at the centre, processing at the competent agency, liên thông once", async () => {
    const centre = await card(`&unit=${CENTRE}`);
    expect(centre.figures.r_total).toBe(8); // all but D12, received at the commune
    const justice = await card(`&unit=${JUSTICE}`);
    expect(justice.figures.r_total).toBe(0);
    // D13 is Construction's, though Justice works on its sub-case.
    expect(justice.figures.p_active).toBe(7);
    const construction = await card("&unit=DEMO.37.SXD");
    expect([construction.figures.p_active, construction.figures.p_within_deadline_end]).toEqual([1, 1]);
  });

  it("merged units: the new commune, and an old commune code through the succession table", async () => {
    const now = await card(`&unit=${merged.new_code}`);
    expect(now.unit.kind).toBe("commune");
    expect([now.figures.r_total, now.figures.p_on_time]).toEqual([1, 1]);
    const old = await card(`&unit=${merged.old_code}`);
    expect(old.unit.via).toMatchObject({ oldCode: merged.old_code, partial: merged.kind === "partial" });
    expect(old.unit.via.newCodes).toContain(merged.new_code);
    expect(old.figures.r_total).toBeGreaterThanOrEqual(1);
    // A code some new commune kept is the new one, unless asked for as old.
    const kept = (
      await sql<{ code: string }>`
        SELECT s.old_code AS code FROM unit_succession s WHERE s.level = 'commune' AND s.old_code = s.new_code LIMIT 1`.execute(
        db,
      )
    ).rows[0]?.code as string;
    expect((await card(`&unit=${kept}`)).unit.via).toBeNull();
    expect((await card(`&unit=old:${kept}`)).unit.via).toMatchObject({ oldCode: kept });
    expect(
      (await t.call("GET", "/api/v1/kpi/scorecard?from=2026-03-01&to=2026-03-31&unit=99999")).status,
    ).toBe(404);
  });

  it("the suspect list: 'online' dossiers not submitted by the applicant, with the reason", async () => {
    const r = await t.call(
      "GET",
      "/api/v1/kpi/dossiers?from=2026-03-01&to=2026-03-31&figure=online_suspect",
      { as: "leader" },
    );
    expect(r.status).toBe(200);
    expect(r.body.items.map((d: { code: string; online: string }) => [d.code, d.online])).toEqual([
      ["D7", "not-verified"],
      ["D5", "official"],
    ]);
    const notSynced = await t.call(
      "GET",
      "/api/v1/kpi/dossiers?from=2026-03-01&to=2026-03-31&figure=r_synced&not=true",
      { as: "supervisor" },
    );
    expect(notSynced.body.items.map((d: { code: string }) => d.code).sort()).toEqual([
      "D11",
      "D12",
      "D13",
      "D6",
      "D7",
    ]);
    // The centre's director sees the province's numbers, but names only within the centre: not
    // D12, received and handled at a commune.
    const centreOnly = await t.call(
      "GET",
      "/api/v1/kpi/dossiers?from=2026-03-01&to=2026-03-31&figure=r_synced&not=true",
      { as: "leader" },
    );
    expect(centreOnly.body.items.map((d: { code: string }) => d.code).sort()).toEqual([
      "D11",
      "D13",
      "D6",
      "D7",
    ]);
    const overdue = await t.call(
      "GET",
      "/api/v1/kpi/dossiers?from=2026-03-01&to=2026-03-31&figure=p_overdue_open_end",
      {
        as: "leader",
      },
    );
    expect(overdue.body.total).toBe(1);
    expect(
      (
        await t.call("GET", "/api/v1/kpi/dossiers?from=2026-03-01&to=2026-03-31&figure=r_total", {
          as: "desk",
        })
      ).status,
    ).toBe(403);
  });

  it("kpi verify passes on the hand-built data, and finds a tampered cell, roll-up and projection", async () => {
    expect((await verifyKpi(db)).ok).toBe(true);
    await sql`UPDATE kpi_daily SET r_total = r_total + 1 WHERE day = '2026-03-02' AND agency_code = ${CENTRE}`.execute(
      db,
    );
    const cell = await verifyKpi(db);
    expect(cell.ok).toBe(false);
    expect(cell.cellsDiffer[0]).toMatchObject({ measure: "r_total", stored: 2, expected: 1 });
    expect(cell.rollups.map((r) => r.grain).sort()).toEqual(["kpi_agency_day", "kpi_agency_month"]);
    await sql`UPDATE dossier SET status = 'returned' WHERE code = 'D12'`.execute(db);
    const projection = await verifyKpi(db);
    expect(projection.journal).toEqual([{ code: "D12", problem: "status" }]);
    await sql`UPDATE dossier SET status = 'result-ready' WHERE code = 'D12'`.execute(db);
    await rebuildKpi(db);
    expect((await verifyKpi(db)).ok).toBe(true);
  });
});

describe("the periodic report", () => {
  const download = async (format: string) => {
    const r = await t.app.inject({
      method: "GET",
      url: `/api/v1/kpi/report?from=2026-03-01&to=2026-03-31&format=${format}&reason=${REASON}`,
      headers: await t.as("leader"),
    });
    expect(r.statusCode).toBe(200);
    return r;
  };

  it("XLSX: the counts by hand, rates, changes and scores as live formulas, the overdue list", async () => {
    const r = await download("xlsx");
    expect(r.headers["content-disposition"]).toContain("bao-cao-cchc-2026-03-01-2026-03-31.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Chỉ số 766",
      "Theo cơ quan",
      "Hồ sơ quá hạn",
      "TTHC không phát sinh",
      "Chỉ đạo điều hành",
      "Xu hướng",
    ]);
    const ws = wb.getWorksheet("Chỉ số 766") as ExcelJS.Worksheet;
    let synced = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === "1.4") synced = n;
    });
    expect([ws.getCell(`D${synced}`).value, ws.getCell(`E${synced}`).value]).toEqual([4, 9]);
    expect(ws.getCell(`F${synced}`).formula).toBe(`IF(E${synced}=0,"",D${synced}/E${synced})`);
    expect(ws.getCell(`I${synced}`).formula).toContain("MIN(1,");
    // February had no dossiers a year earlier: the change is left empty by the formula, not zero.
    expect(ws.getCell(`M${synced}`).formula).toContain("OR(");
    const overdue = wb.getWorksheet("Hồ sơ quá hạn") as ExcelJS.Worksheet;
    const codes: unknown[] = [];
    overdue.eachRow((row) => codes.push(row.getCell(1).value));
    expect(codes).toContain("D5");
    expect(codes).not.toContain("D4");
  });

  it.skipIf(!hasOpenpyxl && !process.env.CI)(
    "XLSX read by openpyxl without calculating: every formula has its value, A4 paper, months as dates",
    async () => {
      const book = readWithOpenpyxl((await download("xlsx")).rawPayload);
      const formulas = Object.values(book).flatMap((s) => s.cells.filter((c) => c.formula !== null));
      expect(formulas.length).toBeGreaterThan(50);
      // A formula whose result is empty text reads as "" or None; a number must be there.
      const blank = formulas.filter((c) => c.value === null && !/""/.test(c.formula ?? ""));
      expect(blank.map((c) => `${c.ref} ${c.formula}`)).toEqual([]);
      for (const [name, sheet] of Object.entries(book)) {
        expect([name, String(sheet.paperSize)]).toEqual([name, "9"]);
        expect(sheet.orientation).toBe("landscape");
      }
      const indicators = book["Chỉ số 766"]?.cells ?? [];
      const row = indicators.find((c) => c.value === "1.4")?.ref.slice(1);
      const at = (col: string) => indicators.find((c) => c.ref === `${col}${row}`);
      expect(at("F")?.value).toBeCloseTo(4 / 9, 10); // 1.4: 4 of 9 synced in time
      expect(Number(at("I")?.value)).toBeGreaterThan(0);
      const total = indicators.find((c) => c.formula?.startsWith("=SUM(I"));
      const scores = indicators.filter((c) => c.ref.startsWith("I") && c.ref !== total?.ref);
      expect(Number(total?.value)).toBeCloseTo(
        scores.reduce((s, c) => s + (typeof c.value === "number" ? c.value : 0), 0),
        9,
      );
      const months = (book["Xu hướng"]?.cells ?? []).filter((c) => c.ref.startsWith("A") && c.ref !== "A1");
      expect(months.length).toBeGreaterThan(0);
      for (const m of months) expect(m.value).toHaveProperty("date");
    },
  );

  it("PDF: Vietnamese text, the total, and the charts' labels", async () => {
    const r = await download("pdf");
    const doc = await getDocumentProxy(new Uint8Array(r.rawPayload));
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain("BÁO CÁO KẾT QUẢ CẢI CÁCH THỦ TỤC HÀNH CHÍNH");
    expect(text).toContain("Điểm theo nhóm chỉ số");
    expect(text).toContain("Đồng bộ hồ sơ lên Cổng DVCQG");
    expect(text).toContain("44,44%"); // 1.4: 4 of 9, with the Vietnamese decimal comma
    expect(text).not.toContain("44.44%");
  });

  it("is for those who steer: a desk officer gets 403", async () => {
    const r = await t.call("GET", "/api/v1/kpi/report?from=2026-03-01&to=2026-03-31", { as: "desk" });
    expect(r.status).toBe(403);
  });

  it("an export needs a reason, which the audit log keeps as its purpose", async () => {
    const none = await t.call("GET", "/api/v1/kpi/report?from=2026-03-01&to=2026-03-31", { as: "leader" });
    expect([none.status, none.body.error.message]).toEqual([400, expect.stringContaining("reason")]);
    const r = await t.app.inject({
      method: "GET",
      url: `/api/v1/kpi/report?from=2026-03-01&to=2026-03-31&reason=${REASON}`,
      headers: await t.as("leader"),
    });
    expect(r.statusCode).toBe(200);
    await new Promise((ok) => setTimeout(ok, 100)); // written after the answer
    const log = await db
      .selectFrom("audit_log")
      .select(["purpose", "details"])
      .where("action", "=", "GET /api/v1/kpi/report")
      .where("status", "=", 200)
      .execute();
    // This one and the earlier downloads (XLSX, PDF, and XLSX again when openpyxl judged it); the
    // refused one left no record of a read (refusals by role are audited as such, with their status).
    expect(log.map((l) => l.purpose)).toEqual(Array(hasOpenpyxl ? 4 : 3).fill("Báo cáo quý I gửi Bộ Nội vụ"));
  });
});
