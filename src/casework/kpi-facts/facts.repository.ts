import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import type { DossierStatus } from "../dossiers/dossier-status.ts";
import {
  type Contribution,
  type DossierFacts,
  type FactInput,
  factsDelta,
  factsOf,
  feedbackDelta,
  feedbackFacts,
} from "./dossier-facts.ts";
import { loadHonestOnlineRule } from "./honest-online.loader.ts";
import type { HonestOnlineRule } from "./honest-online.ts";

let rule: HonestOnlineRule | null = null;
/** The honest-online rule in force, read once per process (a change needs `motcua kpi rebuild`). */
export function honestRule(): HonestOnlineRule {
  rule ??= loadHonestOnlineRule();
  return rule;
}

interface InputRow {
  id: string;
  procedure_code: string;
  channel: 1 | 2 | 3;
  status: DossierStatus;
  receiving_agency: string;
  handling_agency: string;
  received_at: Date;
  first_due_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  reappointed: boolean;
  late: boolean;
  submission: FactInput["submission"];
  components: FactInput["components"];
  result_kind: string | null;
  signing_state: string;
  sync_state: string;
  identity_check: string;
  has_fee: boolean;
  paid_online: boolean;
  disliked: boolean;
  old: DossierFacts | null;
}

/** The dossiers' KPI inputs (only the component flags, not their long names) and their applied facts. */
export async function readFactInputs(
  db: Db,
  where: { ids: string[] } | { afterId: string; limit: number },
  withApplied = true,
) {
  const filter =
    "ids" in where
      ? sql`d.id = ANY(${where.ids}::bigint[])`
      : sql`d.id > ${where.afterId}::bigint ORDER BY d.id LIMIT ${where.limit}`;
  const r = await sql<InputRow>`
    SELECT d.id::text AS id, d.procedure_code, d.channel, d.status, d.receiving_agency, d.handling_agency,
      d.received_at, d.first_due_at, d.due_at, d.finished_at, d.reappointed, d.late, d.submission,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('digitised', c->'digitised', 'reused', c->'reused',
        'fromNationalStore', c->'fromNationalStore')), '[]'::jsonb) FROM jsonb_array_elements(d.components) c) AS components,
      d.result_kind, d.signing_state, d.sync_state, d.identity_check,
      EXISTS (SELECT 1 FROM dossier_action a WHERE a.dossier_id = d.id AND a.type = 'request-payment') AS has_fee,
      EXISTS (SELECT 1 FROM payment p WHERE p.dossier_id = d.id AND p.paid_at IS NOT NULL) AS paid_online,
      (EXISTS (SELECT 1 FROM dossier_rating r WHERE r.dossier_id = d.id AND r.rating = 'dissatisfied')
        OR EXISTS (SELECT 1 FROM feedback b WHERE b.dossier_id = d.id)) AS disliked,
      ${withApplied ? sql`f.facts` : sql`NULL`} AS old
    FROM dossier d LEFT JOIN kpi_fact f ON f.dossier_id = d.id
    WHERE ${filter}`.execute(db);
  return r.rows.map((row) => ({ id: row.id, old: row.old, input: inputOf(row) }));
}

function inputOf(r: InputRow): FactInput {
  return {
    procedureCode: r.procedure_code,
    channel: r.channel,
    status: r.status,
    receivingAgency: r.receiving_agency,
    handlingAgency: r.handling_agency,
    receivedAt: r.received_at,
    firstDueAt: r.first_due_at,
    dueAt: r.due_at,
    finishedAt: r.finished_at,
    reappointed: r.reappointed,
    late: r.late,
    submission: r.submission,
    components: r.components,
    resultKind: r.result_kind,
    signingState: r.signing_state,
    syncState: r.sync_state,
    identityCheck: r.identity_check,
    hasFee: r.has_fee,
    paidOnline: r.paid_online,
    disliked: r.disliked,
  };
}

/** Cells as kpi_apply takes them: one flat JSON object per cell. */
export function cellsJson(cells: readonly Contribution[]): string {
  return JSON.stringify(
    cells.map((c) => ({
      day: c.day,
      agency: c.agency,
      procedure: c.procedure,
      channel: c.channel,
      ...c.values,
    })),
  );
}

/**
 * Brings the aggregates in step with these dossiers' rows. Call it in the transaction that
 * changed them, after the change: the old facts are taken back and the new ones added.
 */
export async function refreshKpi(tx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await readFactInputs(tx, { ids: [...ids] });
  const cells: Contribution[] = [];
  const facts: { id: string; facts: DossierFacts }[] = [];
  for (const r of rows) {
    const next = factsOf(r.input, honestRule());
    cells.push(...factsDelta(r.old, next));
    facts.push({ id: r.id, facts: next });
  }
  await saveFacts(tx, facts);
  if (cells.length > 0) await sql`SELECT kpi_apply(${cellsJson(cells)}::jsonb)`.execute(tx);
}

export async function saveFacts(db: Db, facts: readonly { id: string; facts: DossierFacts }[]) {
  if (facts.length === 0) return;
  await sql`
    INSERT INTO kpi_fact (dossier_id, facts, online, received_day, receiving_agency)
    SELECT x.id, x.facts, x.facts->>'online', (x.facts->>'receivedDay')::date, x.facts->>'receiving'
    FROM jsonb_to_recordset(${JSON.stringify(facts)}::jsonb) AS x(id bigint, facts jsonb)
    ORDER BY x.id
    ON CONFLICT (dossier_id) DO UPDATE SET facts = excluded.facts, online = excluded.online,
      received_day = excluded.received_day, receiving_agency = excluded.receiving_agency`.execute(db);
}

/** Brings the aggregates in step with one PAKN (indicator 5.2), in the transaction that changed it. */
export async function refreshFeedbackKpi(tx: Db, feedbackId: string): Promise<void> {
  const f = await tx
    .selectFrom("feedback")
    .select(["agency_code", "procedure_code", "received_at", "due_at", "answered_at", "kpi_facts"])
    .where("id", "=", feedbackId)
    .executeTakeFirstOrThrow();
  const next = feedbackFactsOf(f);
  const cells = feedbackDelta(f.kpi_facts, next);
  await tx
    .updateTable("feedback")
    .set({ kpi_facts: JSON.stringify(next) })
    .where("id", "=", feedbackId)
    .execute();
  if (cells.length > 0) await sql`SELECT kpi_apply(${cellsJson(cells)}::jsonb)`.execute(tx);
}

export const feedbackFactsOf = (f: {
  agency_code: string;
  procedure_code: string | null;
  received_at: Date;
  due_at: Date | null;
  answered_at: Date | null;
}) =>
  feedbackFacts({
    agency: f.agency_code,
    procedure: f.procedure_code,
    receivedAt: f.received_at,
    dueAt: f.due_at,
    answeredAt: f.answered_at,
  });
