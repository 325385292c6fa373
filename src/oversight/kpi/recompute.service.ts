import { isDeepStrictEqual } from "node:util";
import { sql } from "kysely";
import {
  accumulate,
  type Contribution,
  cellKey,
  contributions as contributionsOf,
  type DossierFacts,
  factsOf,
  feedbackContributions,
} from "../../casework/kpi-facts/dossier-facts.ts";
import {
  feedbackFactsOf,
  honestRule,
  readFactInputs,
  saveFacts,
} from "../../casework/kpi-facts/facts.repository.ts";
import { MEASURES, type MeasureVector } from "../../casework/kpi-facts/measures.ts";
import type { Db } from "../../kernel/db/database.ts";

type Cells = Map<string, Contribution & { values: MeasureVector }>;
const BATCH = 10_000;

/** Every dossier's facts from its row, batch by batch; `each` sees them with the facts last applied. */
async function forEachBatch(
  db: Db,
  each: (batch: { id: string; old: DossierFacts | null; facts: DossierFacts }[]) => Promise<void>,
  withApplied = true,
) {
  let afterId = "0";
  for (;;) {
    const rows = await readFactInputs(db, { afterId, limit: BATCH }, withApplied);
    if (rows.length === 0) return;
    await each(rows.map((r) => ({ id: r.id, old: r.old, facts: factsOf(r.input, honestRule()) })));
    afterId = (rows.at(-1) as { id: string }).id;
  }
}

/** Cells into the finest grain, one array per column (fast for a rebuild). */
async function insertCells(tx: Db, cells: (Contribution & { values: MeasureVector })[]) {
  const cols = sql.raw(MEASURES.join(", "));
  const arrays = MEASURES.map((m) => sql`${cells.map((c) => c.values[m])}::bigint[]`);
  await sql`INSERT INTO kpi_daily (day, agency_code, procedure_code, channel, ${cols})
    SELECT * FROM unnest(${cells.map((c) => c.day)}::date[], ${cells.map((c) => c.agency)}::text[],
      ${cells.map((c) => c.procedure)}::text[], ${cells.map((c) => c.channel)}::smallint[], ${sql.join(arrays)})`.execute(
    tx,
  );
}

/** Every PAKN's facts as its row gives them now, with the facts last applied. */
async function feedbackNow(db: Db) {
  const rows = await db
    .selectFrom("feedback")
    .select(["id", "agency_code", "procedure_code", "received_at", "due_at", "answered_at", "kpi_facts"])
    .execute();
  return rows.map((r) => ({ id: r.id, old: r.kpi_facts, facts: feedbackFactsOf(r) }));
}

/** Fills the empty agency-day and agency-month grains from the daily cells; past sums change. */
export async function rollUp(tx: Db): Promise<void> {
  await sql`UPDATE kpi_history SET version = version + 1`.execute(tx);
  const sums = sql.raw(MEASURES.map((m) => `sum(${m})`).join(", "));
  const cols = sql.raw(MEASURES.join(", "));
  await sql`INSERT INTO kpi_agency_day (agency_code, day, ${cols})
    SELECT agency_code, day, ${sums} FROM kpi_daily GROUP BY 1, 2`.execute(tx);
  await sql`INSERT INTO kpi_agency_month (agency_code, month, ${cols})
    SELECT agency_code, date_trunc('month', day)::date, ${sums} FROM kpi_daily GROUP BY 1, 2`.execute(tx);
}

/** Recomputes every aggregate from the dossiers (after a rule change, or to repair). */
export async function rebuildKpi(db: Db): Promise<{ dossiers: number; cells: number; ms: number }> {
  return db.transaction().execute((tx) => rebuildKpiIn(tx));
}

/** The same, inside the caller's transaction (a bulk load of history rebuilds as it commits). */
export async function rebuildKpiIn(tx: Db): Promise<{ dossiers: number; cells: number; ms: number }> {
  const started = Date.now();
  {
    await sql`TRUNCATE kpi_fact, kpi_daily, kpi_agency_day, kpi_agency_month`.execute(tx);
    const cells: Cells = new Map();
    let dossiers = 0;
    await forEachBatch(
      tx,
      async (batch) => {
        await saveFacts(tx, batch);
        for (const b of batch) accumulate(cells, contributionsOf(b.facts));
        dossiers += batch.length;
      },
      false,
    );
    const feedback = await feedbackNow(tx);
    for (const f of feedback) accumulate(cells, feedbackContributions(f.facts));
    await sql`
      UPDATE feedback b SET kpi_facts = x.facts
      FROM jsonb_to_recordset(${JSON.stringify(feedback)}::jsonb) AS x(id bigint, facts jsonb)
      WHERE b.id = x.id`.execute(tx);
    const all = [...cells.values()];
    // The tables are empty: the cells go in as they are, and the roll-ups are summed from them.
    for (let i = 0; i < all.length; i += 20_000) await insertCells(tx, all.slice(i, i + 20_000));
    await rollUp(tx);
    return { dossiers, cells: all.length, ms: Date.now() - started };
  }
}

export interface VerifyReport {
  ok: boolean;
  dossiers: number;
  cells: number;
  ms: number;
  /** Projection rows that disagree with their journal (status, finish, acceptance, re-appointment). */
  journal: { code: string; problem: string }[];
  /** Dossiers whose applied facts are not what their row gives now (a missed refresh). */
  facts: ({ dossierId: string } | { feedbackId: string })[];
  /** Aggregate cells that differ from the recomputation. */
  cellsDiffer: { key: string; measure: string; stored: number; expected: number }[];
  /** Agency-day or agency-month rows that are not the sum of their cells. */
  rollups: { grain: string; agency: string; period: string }[];
}

/**
 * `motcua kpi verify`: checks each projection against its journal, recomputes every dossier's
 * facts and every aggregate cell, and compares them with what the transactions maintained.
 */
export async function verifyKpi(db: Db, limit = 20): Promise<VerifyReport> {
  const started = Date.now();
  const journal = await journalMismatches(db, limit);
  const expected: Cells = new Map();
  const facts: VerifyReport["facts"] = [];
  let dossiers = 0;
  await forEachBatch(db, async (batch) => {
    for (const b of batch) {
      accumulate(expected, contributionsOf(b.facts));
      if (!isDeepStrictEqual(b.old, b.facts) && facts.length < limit) facts.push({ dossierId: b.id });
    }
    dossiers += batch.length;
  });
  for (const f of await feedbackNow(db)) {
    accumulate(expected, feedbackContributions(f.facts));
    if (!isDeepStrictEqual(f.old, f.facts) && facts.length < limit) facts.push({ feedbackId: f.id });
  }
  const cellsDiffer: VerifyReport["cellsDiffer"] = [];
  const stored = await sql<Record<string, string | number>>`SELECT * FROM kpi_daily`.execute(db);
  const seen = new Set<string>();
  const differ = (key: string, got: Record<string, unknown> | undefined, want: MeasureVector | undefined) => {
    for (const m of MEASURES) {
      const s = Number(got?.[m] ?? 0);
      const e = want?.[m] ?? 0;
      if (s !== e && cellsDiffer.length < limit)
        cellsDiffer.push({ key, measure: m, stored: s, expected: e });
    }
  };
  for (const row of stored.rows) {
    const key = cellKey({
      day: String(row.day),
      agency: String(row.agency_code),
      procedure: String(row.procedure_code),
      channel: Number(row.channel),
    });
    seen.add(key);
    differ(key, row, expected.get(key)?.values);
  }
  for (const [key, cell] of expected) if (!seen.has(key)) differ(key, undefined, cell.values);
  const rollups = await rollupMismatches(db, limit);
  return {
    ok: journal.length + facts.length + cellsDiffer.length + rollups.length === 0,
    dossiers,
    cells: expected.size,
    ms: Date.now() - started,
    journal,
    facts,
    cellsDiffer,
    rollups,
  };
}

/** The journal is the truth: status, the finishing instant, acceptance and re-appointment follow from it. */
async function journalMismatches(db: Db, limit: number) {
  const r = await sql<{ code: string; problem: string }>`
    SELECT d.code, concat_ws(', ',
      CASE WHEN j.last_status IS DISTINCT FROM d.status THEN 'status' END,
      CASE WHEN j.finished IS DISTINCT FROM d.finished_at THEN 'finished_at' END,
      CASE WHEN j.accepted IS DISTINCT FROM (d.first_due_at IS NOT NULL) THEN 'accepted' END,
      CASE WHEN j.reappointed IS DISTINCT FROM d.reappointed THEN 'reappointed' END,
      CASE WHEN j.last_seq IS DISTINCT FROM d.last_seq THEN 'last_seq' END) AS problem
    FROM dossier d
    LEFT JOIN LATERAL (
      SELECT (array_agg(a.to_status ORDER BY a.seq DESC))[1] AS last_status,
        min(a.at) FILTER (WHERE a.to_status IN ('refused', 'withdrawn', 'stopped', 'result-ready', 'returned')) AS finished,
        coalesce(bool_or(a.to_status IN ('received', 'processing')), false) AS accepted,
        coalesce(bool_or(a.type = 'reappoint'), false) AS reappointed,
        max(a.seq) AS last_seq
      FROM dossier_action a WHERE a.dossier_id = d.id) j ON true
    WHERE j.last_status IS DISTINCT FROM d.status OR j.finished IS DISTINCT FROM d.finished_at
      OR j.accepted IS DISTINCT FROM (d.first_due_at IS NOT NULL) OR j.reappointed IS DISTINCT FROM d.reappointed
      OR j.last_seq IS DISTINCT FROM d.last_seq
    ORDER BY d.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

async function rollupMismatches(db: Db, limit: number) {
  const differs = MEASURES.map((m) => `coalesce(r.${m}, 0) <> coalesce(f.${m}, 0)`).join(" OR ");
  const sums = MEASURES.map((m) => `sum(${m})::bigint AS ${m}`).join(", ");
  const check = (table: string, period: string, grain: string) =>
    sql<{ grain: string; agency: string; period: string }>`
      SELECT ${table} AS grain, coalesce(r.agency_code, f.agency_code) AS agency,
        coalesce(r.${sql.raw(period)}, f.p)::text AS period
      FROM ${sql.table(table)} r
      FULL JOIN (SELECT agency_code, ${sql.raw(grain)} AS p, ${sql.raw(sums)} FROM kpi_daily GROUP BY 1, 2) f
        ON f.agency_code = r.agency_code AND f.p = r.${sql.raw(period)}
      WHERE ${sql.raw(differs)}
      LIMIT ${limit}`.execute(db);
  const [day, month] = await Promise.all([
    check("kpi_agency_day", "day", "day"),
    check("kpi_agency_month", "month", "date_trunc('month', day)::date"),
  ]);
  return [...day.rows, ...month.rows];
}

/**
 * On start: dossiers written before the aggregates existed (an upgrade, or a bulk load without
 * them) are counted once by a rebuild. `motcua kpi verify` does not call this, so it still sees gaps.
 */
export async function ensureKpiAggregates(
  db: Db,
  log: (msg: string, data?: Record<string, unknown>) => void,
) {
  const r = await sql<{ missing: boolean }>`
    SELECT EXISTS (SELECT 1 FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM kpi_fact f WHERE f.dossier_id = d.id))
      AS missing`.execute(db);
  if (!r.rows[0]?.missing) return;
  log("counting existing dossiers into the reform indicators");
  log("reform indicators rebuilt", await rebuildKpi(db));
}
