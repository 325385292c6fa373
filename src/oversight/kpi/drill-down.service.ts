import { type RawBuilder, sql } from "kysely";
import { listedDossier } from "../../casework/dossiers/dossier-queries.service.ts";
import type { DossierStatus } from "../../casework/dossiers/dossier-status.ts";
import type { DrillFigure } from "../../casework/kpi-facts/measures.ts";
import type { Db } from "../../kernel/db/database.ts";

const flag = (name: string) => sql`(f.facts->'flags'->>${name})::boolean`;
const received = (from: string, to: string) =>
  sql`f.received_day BETWEEN ${from}::date AND ${to}::date AND (f.facts->>'accepted')::boolean`;
const processed = sql`(f.facts->>'accepted')::boolean AND NOT (f.facts->>'withdrawn')::boolean`;
const finishedIn = (from: string, to: string) =>
  sql`${processed} AND (f.facts->>'finishedDay')::date BETWEEN ${from}::date AND ${to}::date`;

/** Each figure's rule over a dossier's stored facts (src/kpi/dossier-facts.ts contributions). */
function rule(
  figure: DrillFigure,
  from: string,
  to: string,
): { where: RawBuilder<unknown>; side: "receiving" | "handling" } {
  const r = (extra: RawBuilder<unknown> = sql`true`) => ({
    where: sql`${received(from, to)} AND ${extra}`,
    side: "receiving" as const,
  });
  switch (figure) {
    case "r_total":
      return r();
    case "r_synced":
      return r(flag("synced"));
    case "r_online":
      return r(sql`f.online <> 'not-online'`);
    case "r_online_applicant":
      return r(sql`f.online = 'applicant'`);
    case "online_suspect":
      return r(sql`f.online IN ('official', 'agency-network', 'not-verified')`);
    case "r_digitised":
      return r(flag("digitised"));
    case "r_reused":
      return r(flag("reused"));
    case "r_population":
      return r(flag("population"));
    case "p_finished":
      return { where: finishedIn(from, to), side: "handling" };
    case "p_on_time":
      return { where: sql`${finishedIn(from, to)} AND (f.facts->>'onTime')::boolean`, side: "handling" };
    case "p_late":
      return { where: sql`${finishedIn(from, to)} AND NOT (f.facts->>'onTime')::boolean`, side: "handling" };
    case "p_overdue_open_end":
      return {
        where: sql`${processed} AND (f.facts->>'dueDay')::date <= ${to}::date
          AND coalesce((f.facts->>'finishedDay')::date > ${to}::date, true)`,
        side: "handling",
      };
  }
}

/**
 * The dossiers behind a number: `not` lists the rest of the denominator (e.g. received but not
 * synced). Newest first; the count is exact.
 */
export async function drillDown(
  db: Db,
  q: {
    agencies: string[] | null;
    /** The reader's jurisdiction (null: the province): names only of dossiers it covers. */
    seen: readonly string[] | null;
    from: string;
    to: string;
    figure: DrillFigure;
    not: boolean;
    limit: number;
  },
) {
  const { where, side } = rule(q.figure, q.from, q.to);
  const base = q.not && q.figure.startsWith("r_") ? rule("r_total", q.from, q.to).where : null;
  const cond = base ? sql`${base} AND NOT (${where})` : where;
  const unit = q.agencies === null ? sql`true` : sql`f.facts->>${side} = ANY(${q.agencies}::text[])`;
  const seen =
    q.seen === null
      ? sql`true`
      : sql`(d.receiving_agency = ANY(${q.seen}::text[]) OR d.handling_agency = ANY(${q.seen}::text[]))`;
  const rows = await sql<{
    code: string;
    procedure_name: string;
    applicant: { name: string };
    status: DossierStatus;
    received_at: Date;
    receiving_agency: string;
    handling_agency: string;
    due_day: string | null;
    online: string;
    total: string;
  }>`
    SELECT d.code, d.procedure_name, d.applicant, d.status, d.received_at, d.receiving_agency, d.handling_agency,
      f.facts->>'dueDay' AS due_day, f.online,
      count(*) OVER () AS total
    FROM kpi_fact f JOIN dossier d ON d.id = f.dossier_id
    WHERE ${cond} AND ${unit} AND ${seen}
    ORDER BY d.received_at DESC, d.id DESC
    LIMIT ${q.limit}`.execute(db);
  return {
    total: Number(rows.rows[0]?.total ?? 0),
    items: rows.rows.map((r) => ({
      ...listedDossier(r),
      receivedAt: r.received_at.toISOString(),
      receivingAgency: r.receiving_agency,
      handlingAgency: r.handling_agency,
      dueDay: r.due_day,
      online: r.online,
    })),
  };
}
