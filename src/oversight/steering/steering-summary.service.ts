import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import { vnDay } from "../../reference/calendar/local-time.ts";
import { REFORM_AREAS, type ReformArea, type SteeringSummary } from "./steering.types.ts";

export async function steeringSummary(
  db: Db,
  p: { from: string; to: string },
  now: Date,
): Promise<SteeringSummary> {
  const today = vnDay(now);
  const asOf = [p.to, today].sort()[0] as string; // ISO days order as text
  const [byAgency, overdueItems, findings, tasks, synthetic] = await Promise.all([
    sql<{
      code: string;
      name: string;
      owed: number;
      issued: number;
      issued_in: number;
      late: number;
      overdue: number;
    }>`
      SELECT a.code, a.name, count(*)::int AS owed,
        count(*) FILTER (WHERE r.status = 'issued')::int AS issued,
        count(*) FILTER (WHERE r.status = 'issued' AND r.issued_on BETWEEN ${p.from}::date AND ${p.to}::date)::int AS issued_in,
        count(*) FILTER (WHERE r.status = 'issued' AND r.issued_on > r.original_due_on)::int AS late,
        count(*) FILTER (WHERE r.status IN ('drafting', 'submitted') AND r.due_on < ${asOf}::date)::int AS overdue
      FROM regulation r JOIN agency a ON a.code = r.agency_code
      WHERE r.status <> 'cancelled'
      GROUP BY a.code, a.name ORDER BY overdue DESC, a.name`.execute(db),
    sql<{ title: string; legal_basis: string; agency_name: string; due_on: string; days: number }>`
      SELECT r.title, r.legal_basis, a.name AS agency_name, r.due_on::text, (${asOf}::date - r.due_on) AS days
      FROM regulation r JOIN agency a ON a.code = r.agency_code
      WHERE r.status IN ('drafting', 'submitted') AND r.due_on < ${asOf}::date
      ORDER BY r.due_on, r.id LIMIT 500`.execute(db),
    sql<{ total: number; open: number; remedied: number; closed: number; overdue: number }>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'open')::int AS open,
        count(*) FILTER (WHERE status = 'remedied')::int AS remedied,
        count(*) FILTER (WHERE status = 'closed')::int AS closed,
        count(*) FILTER (WHERE status = 'open' AND remedy_due_on < ${asOf}::date)::int AS overdue
      FROM inspection_finding`.execute(db),
    sql<{ area: ReformArea; total: number; done: number; overdue: number; progress: number }>`
      SELECT area, count(*)::int AS total, count(*) FILTER (WHERE status = 'done')::int AS done,
        count(*) FILTER (WHERE status = 'open' AND due_on < ${asOf}::date)::int AS overdue,
        coalesce(round(avg(progress)), 0)::int AS progress
      FROM reform_task WHERE status <> 'cancelled' GROUP BY area`.execute(db),
    sql<{ n: number }>`
      SELECT ((SELECT count(*) FROM regulation WHERE synthetic) + (SELECT count(*) FROM inspection WHERE synthetic)
        + (SELECT count(*) FROM reform_task WHERE synthetic))::int AS n`.execute(db),
  ]);
  const sum = (k: "owed" | "issued" | "issued_in" | "late" | "overdue") =>
    byAgency.rows.reduce((s, r) => s + r[k], 0);
  const taskOf = new Map(tasks.rows.map((t) => [t.area, t]));
  return {
    asOf,
    syntheticItems: synthetic.rows[0]?.n ?? 0,
    regulations: {
      owed: sum("owed"),
      issued: sum("issued"),
      issuedInPeriod: sum("issued_in"),
      issuedLate: sum("late"),
      overdue: sum("overdue"),
      byAgency: byAgency.rows.map((r) => ({
        code: r.code,
        name: r.name,
        owed: r.owed,
        issued: r.issued,
        overdue: r.overdue,
      })),
      overdueItems: overdueItems.rows.map((r) => ({
        title: r.title,
        legalBasis: r.legal_basis,
        agencyName: r.agency_name,
        dueOn: r.due_on,
        daysOverdue: r.days,
      })),
    },
    findings: findings.rows[0] ?? { total: 0, open: 0, remedied: 0, closed: 0, overdue: 0 },
    tasks: (Object.keys(REFORM_AREAS) as ReformArea[]).map((area) => {
      const t = taskOf.get(area);
      return {
        area,
        name: REFORM_AREAS[area],
        total: t?.total ?? 0,
        done: t?.done ?? 0,
        overdue: t?.overdue ?? 0,
        progress: t?.progress ?? 0,
      };
    }),
  };
}
