import { sql } from "kysely";
import { jurisdictionOf } from "../../casework/auth/jurisdiction.service.ts";
import { reachOf } from "../../casework/auth/jurisdiction.ts";
import { dueSoonHorizon } from "../../casework/dossiers/deadlines.ts";
import { dueMicros, listedDossier } from "../../casework/dossiers/dossier-queries.service.ts";
import { STATUS_LABEL_VI } from "../../casework/dossiers/dossier-status.ts";
import { decodeDueCursor, encodeDueCursor } from "../../casework/dossiers/due-cursor.ts";
import type { Actor } from "../../casework/dossiers/lifecycle.ts";
import { dossierTrail } from "../../casework/dossiers/trail.service.ts";
import type { Db } from "../../kernel/db/database.ts";
import { vnIso } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { processVersion } from "../../reference/processes/processes.service.ts";

/** Agencies whose dossiers the overview covers: the reader's jurisdiction (jurisdiction.ts). */
export async function overviewScope(db: Db, actor: Actor): Promise<readonly string[] | "all"> {
  const seen = await jurisdictionOf(db, actor);
  return seen === "province" ? "all" : seen;
}

/** Open dossiers (still running, or with a result waiting to be returned) within the scope. */
function openIn(db: Db, scope: readonly string[] | "all") {
  const q = db
    .selectFrom("dossier as d")
    .where((eb) => eb.or([eb("d.finished_at", "is", null), eb("d.status", "=", "result-ready")]));
  return scope === "all" ? q : q.where("d.handling_agency", "in", scope.length ? scope : ["-"]);
}

export async function overview(db: Db, cal: WorkCalendar, actor: Actor, now: Date) {
  const scope = await overviewScope(db, actor);
  const horizon = dueSoonHorizon(cal, now);
  const counts = [
    sql<string>`count(*)`.as("open"),
    sql<string>`count(*) FILTER (WHERE d.finished_at IS NULL AND d.due_at < ${now})`.as("overdue"),
    sql<string>`count(*) FILTER (WHERE d.finished_at IS NULL AND d.due_at >= ${now} AND d.due_at <= ${horizon})`.as(
      "due_soon",
    ),
  ];
  const [byStatus, byAgency, byCommune] = await Promise.all([
    openIn(db, scope).select("d.status").select(counts).groupBy("d.status").execute(),
    openIn(db, scope)
      .innerJoin("agency as a", "a.code", "d.handling_agency")
      .select(["a.code", "a.name"])
      .select(counts)
      .groupBy(["a.code", "a.name"])
      .orderBy("overdue", "desc")
      .orderBy("a.code")
      .limit(200)
      .execute(),
    openIn(db, scope)
      .innerJoin("agency as r", (j) =>
        j.onRef("r.code", "=", "d.receiving_agency").on("r.kind", "like", "commune%"),
      )
      .innerJoin("admin_unit as u", (j) => j.onRef("u.code", "=", "r.unit_code").on("u.era", "=", "post2025"))
      .select(["u.code", "u.name"])
      .select(counts)
      .groupBy(["u.code", "u.name"])
      .orderBy("overdue", "desc")
      .orderBy("u.code")
      .limit(200)
      .execute(),
  ]);
  const n = (v: string | number | bigint) => Number(v);
  const row = (r: { open: string; overdue: string; due_soon: string }) => ({
    open: n(r.open),
    overdue: n(r.overdue),
    dueSoon: n(r.due_soon),
  });
  return {
    scope: reachOf(actor.roles),
    totals: byStatus.reduce(
      (t, r) => ({
        open: t.open + n(r.open),
        overdue: t.overdue + n(r.overdue),
        dueSoon: t.dueSoon + n(r.due_soon),
      }),
      { open: 0, overdue: 0, dueSoon: 0 },
    ),
    byStatus: byStatus.map((r) => ({ status: r.status, label: STATUS_LABEL_VI[r.status], count: n(r.open) })),
    byAgency: byAgency.map((r) => ({ code: r.code, name: r.name, ...row(r) })),
    byCommune: byCommune.map((r) => ({ code: r.code, name: r.name, ...row(r) })),
  };
}

export interface DrillDown {
  agency?: string;
  commune?: string;
  status?: string;
  flag?: "overdue" | "due-soon";
  cursor?: string;
  limit: number;
}

/** The dossiers behind a number on the overview, by due date, keyset-paged like the inbox. */
export async function overviewDossiers(db: Db, cal: WorkCalendar, actor: Actor, f: DrillDown, now: Date) {
  const scope = await overviewScope(db, actor);
  const horizon = dueSoonHorizon(cal, now);
  let q = openIn(db, scope)
    .select([
      "d.id",
      "d.code",
      "d.procedure_name",
      "d.applicant",
      "d.status",
      "d.handling_agency",
      "d.step_role",
      "d.step_agency",
      "d.due_at",
      "d.finished_at",
      dueMicros("d.due_at").as("due_us"),
    ])
    .$if(f.agency !== undefined, (b) => b.where("d.handling_agency", "=", f.agency ?? ""))
    .$if(f.status !== undefined, (b) => b.where("d.status", "=", (f.status ?? "") as never))
    .$if(f.flag === "overdue", (b) => b.where("d.finished_at", "is", null).where("d.due_at", "<", now))
    .$if(f.flag === "due-soon", (b) =>
      b.where("d.finished_at", "is", null).where("d.due_at", ">=", now).where("d.due_at", "<=", horizon),
    )
    .$if(f.commune !== undefined, (b) =>
      b.where("d.receiving_agency", "in", (eb) =>
        eb
          .selectFrom("agency")
          .select("code")
          .where("unit_code", "=", f.commune ?? ""),
      ),
    );
  const after = f.cursor ? decodeDueCursor(f.cursor) : null;
  if (after?.due) {
    const due = sql<Date>`${after.due}::timestamptz`;
    q = q.where((eb) =>
      eb.or([eb("d.due_at", ">", due), eb.and([eb("d.due_at", "=", due), eb("d.id", ">", after.id)])]),
    );
  }
  const rows = await q
    .where("d.due_at", "is not", null)
    .orderBy("d.due_at")
    .orderBy("d.id")
    .limit(f.limit)
    .execute();
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      ...listedDossier(r),
      handlingAgency: r.handling_agency,
      holder: `${r.step_agency}/${r.step_role}`,
      dueAt: vnIso(r.due_at),
      overdue: r.finished_at === null && r.due_at !== null && r.due_at < now,
    })),
    next: rows.length === f.limit && last ? encodeDueCursor(last.due_us, last.id) : null,
  };
}

/**
 * Ping-pong and stall flags of the open dossiers that are longest overdue. The trail is rebuilt
 * from each journal, so the set is bounded; the KPI issue's aggregates cover the whole province.
 */
export async function responsibilityFlags(db: Db, cal: WorkCalendar, actor: Actor, now: Date, limit = 40) {
  const scope = await overviewScope(db, actor);
  const rows = await openIn(db, scope)
    .selectAll("d")
    .where("d.finished_at", "is", null)
    .where("d.due_at", "<", now)
    .orderBy("d.due_at")
    .limit(limit)
    .execute();
  const flagged = [];
  // Overdue dossiers cluster on a few procedures: read each process version once.
  const processes = new Map<string, ReturnType<typeof processVersion>>();
  for (const d of rows) {
    const key = `${d.procedure_code}@${d.process_version}`;
    if (!processes.has(key)) processes.set(key, processVersion(db, d.procedure_code, d.process_version));
    const process = await (processes.get(key) as ReturnType<typeof processVersion>);
    const trail = await dossierTrail(db, cal, d, process, now);
    if (!trail.pingPong && !trail.stalled) continue;
    flagged.push({
      code: d.code,
      procedureName: d.procedure_name,
      handlingAgency: d.handling_agency,
      dueAt: vnIso(d.due_at),
      pingPong: trail.pingPong,
      stalled: trail.stalled,
    });
  }
  return { examined: rows.length, items: flagged };
}
