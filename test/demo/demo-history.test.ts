import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loadDeployment } from "../../src/app/settings.ts";
import { verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { loadCalendar } from "../../src/reference/calendar/calendar.repository.ts";
import { generateDemoHistory } from "../../src/tools/demo/demo-history.service.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const deployment = loadDeployment("ninh-binh");
const cal = await loadCalendar(db, deployment.calendar.sessions);
const until = new Date("2026-11-27T17:00:00+07:00");

describe("the synthetic demo history", () => {
  it("is labelled synthetic, consistent with the journal, and spread over channels and outcomes", async () => {
    const r = await generateDemoHistory(db, deployment, cal, { dossiers: 1500, seed: 7, until });
    expect(r.dossiers).toBe(1500);
    const all = await db
      .selectFrom("dossier")
      .select([
        "id",
        "status",
        "dvcqg_status",
        "synthetic",
        "channel",
        "late",
        "reappointed",
        "received_at",
        "last_seq",
      ])
      .execute();
    expect(all.every((d) => d.synthetic)).toBe(true);
    // The projection agrees with the last journal entry of every dossier.
    const mismatched = await sql<{ n: string }>`
      SELECT count(*) AS n FROM dossier d JOIN dossier_action a ON a.dossier_id = d.id AND a.seq = d.last_seq
      WHERE a.to_status <> d.status`.execute(db);
    expect(Number(mismatched.rows[0]?.n)).toBe(0);
    const statuses = new Set(all.map((d) => d.dvcqg_status));
    for (const code of [3, 4, 7, 9, 10]) expect(statuses.has(code), `DVCQG ${code}`).toBe(true);
    expect(new Set(all.map((d) => d.channel))).toEqual(new Set([1, 2, 3]));
    expect(all.some((d) => d.late) && all.some((d) => d.reappointed)).toBe(true);
    expect(
      all.every(
        (d) => d.received_at <= until && d.received_at.getTime() > until.getTime() - 366 * 86_400_000,
      ),
    ).toBe(true);
    // Digitisation and electronic results in the review's proportions, so their indicators have data.
    const shares = await sql<{ digitised: number; reused: number; signed: number; paper: number }>`
      SELECT avg(COALESCE((c->>'digitised')::boolean, false)::int) FILTER (WHERE c->>'form' <> 'reuse')::float8 AS digitised,
        avg(CASE WHEN c->>'reused' = 'true' THEN 1 ELSE 0 END)::float8 AS reused,
        (SELECT avg((signing_state = 'signed')::int) FROM dossier WHERE synthetic AND result_kind IS NOT NULL)::float8 AS signed,
        (SELECT count(*) FROM dossier WHERE synthetic AND signing_state = 'paper' AND paper_result_reason IS NULL)::float8 AS paper
      FROM dossier d, jsonb_array_elements(d.components) c WHERE d.synthetic`.execute(db);
    const share = shares.rows[0];
    expect(share?.digitised).toBeGreaterThan(0.65);
    expect(share?.digitised).toBeLessThan(0.85);
    expect(share?.reused).toBeGreaterThan(0.04);
    expect(share?.signed).toBeGreaterThan(0.3);
    expect(share?.signed).toBeLessThan(0.5);
    expect(share?.paper).toBe(0);
    // The indicators count the history as it commits, and a recompute from the journal agrees.
    const verified = await verifyKpi(db);
    expect([verified.ok, verified.dossiers]).toEqual([true, 1500]);
  });

  it("is reproducible from its seed, and leaves the code counters ahead of every code it used", async () => {
    const codes = async () =>
      (await db.selectFrom("dossier").select("code").orderBy("code").execute()).map((d) => d.code);
    await generateDemoHistory(db, deployment, cal, { dossiers: 300, seed: 11, until });
    const first = await codes();
    await generateDemoHistory(db, deployment, cal, { dossiers: 300, seed: 11, until });
    expect(await codes()).toEqual(first);
    // Every agency-day's counter is at least the highest sequence the history used.
    const behind = await sql<{ n: string }>`
      SELECT count(*) AS n FROM dossier d
      LEFT JOIN dossier_code_counter c ON c.agency_code = d.receiving_agency
        AND to_char(c.day, 'YYMMDD') = split_part(d.code, '-', 2)
      WHERE c.last IS NULL OR split_part(d.code, '-', 3)::int > c.last`.execute(db);
    expect(Number(behind.rows[0]?.n)).toBe(0);
  });

  it("keeps the journal append-only outside a demo purge", async () => {
    await expect(sql`DELETE FROM dossier_action`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE dossier_action SET note = 'x'`.execute(db)).rejects.toThrow(/append-only/);
  });
});
