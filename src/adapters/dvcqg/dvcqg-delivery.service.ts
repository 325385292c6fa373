import { sql } from "kysely";
import { ACTION_RULES, type ActionType } from "../../casework/dossiers/action-rules.ts";
import type { DossierSettings } from "../../casework/dossiers/dossier.settings.ts";
import type { Applicant, Submission, SubmittedComponent } from "../../casework/dossiers/dossier.types.ts";
import type { DossierStatus } from "../../casework/dossiers/dossier-status.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { Deliver, DeliveryResult } from "../outbox/outbox.repository.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import { type DvcqgClient, rejected } from "./dvcqg.client.ts";
import {
  type DossierFacts,
  type DossierMessage,
  dossierMessage,
  type JournalFacts,
  progressMessage,
  recordFingerprint,
} from "./dvcqg.messages.ts";

/** Entries motcua writes itself, not officials' actions. */
export const SYSTEM_ENTRY_LABEL: Record<string, string> = {
  receive: "Tiếp nhận hồ sơ",
  submit: "Hồ sơ nộp trực tuyến trên Cổng DVCQG",
  "identity-verified": "Đối chiếu Cơ sở dữ liệu quốc gia về dân cư",
  "national-result": "Nhận kết quả từ hệ thống quốc gia",
};

export const entryLabel = (type: string) =>
  ACTION_RULES[type as ActionType]?.vi ?? SYSTEM_ENTRY_LABEL[type] ?? type;

interface Row {
  dossier_id: string;
  code: string;
  procedure_code: string;
  procedure_name: string;
  field: string | null;
  channel: number;
  applicant: Applicant;
  submission: Submission;
  components: SubmittedComponent[];
  handling_agency: string;
  received_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  delivery_state: string;
  synthetic: boolean;
  origin: string;
  step_started_at: Date | null;
  type: string;
  at: Date;
  note: string;
  from_status: string | null;
  to_status: DossierStatus;
  step_due_at: Date | null;
  actor_name: string | null;
  actor_title: string | null;
  agency_name: string | null;
  files: { id: string; name: string; component: string; kind: string }[];
  /** Fingerprint of the record the portal last accepted; null before the first push. */
  pushed: string | null;
}

/**
 * Tells DVCQG journal entries (one per dossier): the dossier record when what the portal shows of
 * it differs from what it last accepted (status, due date, pause, result, files…), then progress.
 */
export function dvcqgDeliverer(
  db: Db,
  deployment: Pick<DossierSettings, "dvcqgMapping">,
  client: DvcqgClient,
  fileUrl: (fileId: string) => string,
): Deliver {
  return async (events) => {
    const r = await sql<Row & { seq: number }>`
      SELECT q.dossier_id::text AS dossier_id, q.seq, d.code, d.procedure_code, d.procedure_name, p.field, d.channel,
        d.applicant, d.submission, d.components, d.handling_agency, d.received_at, d.due_at, d.finished_at,
        d.returned_at, d.delivery_state, d.synthetic, d.origin, d.step_started_at, a.type, a.at, a.note, a.from_status,
        a.to_status, a.step_due_at, o.full_name AS actor_name, o.title AS actor_title, g.name AS agency_name,
        COALESCE((SELECT json_agg(json_build_object('id', f.id::text, 'name', f.name, 'component', f.component, 'kind', f.kind) ORDER BY f.id)
          FROM stored_file f WHERE f.dossier_id = d.id AND f.kind IN ('submitted', 'result')), '[]') AS files,
        r.fingerprint AS pushed
      FROM unnest(${events.map((e) => e.dossierId)}::bigint[], ${events.map((e) => e.seq)}::int[]) AS q(dossier_id, seq)
      JOIN dossier d ON d.id = q.dossier_id
      JOIN dossier_action a ON a.dossier_id = q.dossier_id AND a.seq = q.seq
      LEFT JOIN procedure p ON p.code = d.procedure_code
      LEFT JOIN official o ON o.id = a.actor_id
      LEFT JOIN agency g ON g.code = a.actor_agency
      LEFT JOIN dvcqg_record r ON r.dossier_id = d.id`.execute(db);
    const rows = new Map(r.rows.map((row) => [`${row.dossier_id}:${row.seq}`, row]));
    const results: DeliveryResult[] = events.map(() => ({ ok: true, value: "sent" }));
    const fail = (k: number, error: DeliveryFailure) => {
      if (results[k]?.ok) results[k] = { ok: false, error };
    };
    const work: {
      k: number;
      row: Row;
      journal: JournalFacts;
      message: DossierMessage;
      fingerprint: string;
      push: boolean;
      exists: boolean;
    }[] = [];
    events.forEach((event, k) => {
      const row = rows.get(`${event.dossierId}:${event.seq}`);
      if (!row) {
        fail(k, { reason: "missing-entry", detail: `${event.dossierId}#${event.seq}`, retryable: true });
        return;
      }
      if (row.synthetic) {
        results[k] = { ok: true, value: "skipped" };
        return;
      }
      const first = event.seq === 1;
      const journal = journalFacts(row, event.seq, deployment.dvcqgMapping[row.to_status] ?? 0);
      const message = dossierMessage(dossierFacts(row, fileUrl), journal);
      const fingerprint = recordFingerprint(message);
      work.push({
        k,
        row,
        journal,
        message,
        fingerprint,
        // Whatever changed what the portal shows (re-appointment included), not only the status; the
        // first entry always, since a re-queued journal means the portal may have lost the record.
        push: first || fingerprint !== row.pushed,
        exists: !first || row.origin === "portal",
      });
    });
    // Dossier records: creates and updates; "already exists" becomes an update, "not found" a create.
    let creates = work.filter((w) => w.push && !w.exists);
    let updates = work.filter((w) => w.push && w.exists);
    for (let pass = 0; pass < 2 && (creates.length > 0 || updates.length > 0); pass++) {
      const retryAsUpdate: typeof work = [];
      const retryAsCreate: typeof work = [];
      for (const [list, updating] of [
        [creates, false],
        [updates, true],
      ] as const) {
        const answer = await client.pushList(
          "DongBoHoSoMC",
          list.map((w) => w.message),
          updating,
        );
        list.forEach((w, i) => {
          if (!answer.ok) {
            fail(w.k, answer.error);
            return;
          }
          const v = answer.value[i];
          if (v === "ok") return;
          if (v === "already-exists" && !updating) retryAsUpdate.push(w);
          else if (v === "not-found" && updating) retryAsCreate.push(w);
          else fail(w.k, rejected("DongBoHoSoMC", { error_code: String(v), message: w.row.code }));
        });
      }
      creates = retryAsCreate;
      updates = retryAsUpdate;
    }
    for (const w of [...creates, ...updates])
      fail(w.k, rejected("DongBoHoSoMC", { error_code: -1, message: "create/update loop" }));
    const accepted = work.filter((w) => w.push && results[w.k]?.ok);
    if (accepted.length > 0)
      await sql`
        INSERT INTO dvcqg_record (dossier_id, fingerprint)
        SELECT * FROM unnest(${accepted.map((w) => w.row.dossier_id)}::bigint[], ${accepted.map((w) => w.fingerprint)}::text[])
        ON CONFLICT (dossier_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, pushed_at = now()`.execute(
        db,
      );
    // Progress entries for the entries whose dossier record is there.
    const progress = work.filter((w) => results[w.k]?.ok);
    const answer = await client.pushList(
      "CapNhatTienDoHoSoMC",
      progress.map((w) => progressMessage(w.row.code, w.journal, entryLabel(w.row.type))),
    );
    progress.forEach((w, i) => {
      if (!answer.ok) {
        fail(w.k, answer.error);
        return;
      }
      const v = answer.value[i];
      if (v !== "ok" && v !== "already-exists")
        fail(w.k, rejected("CapNhatTienDoHoSoMC", { error_code: String(v), message: w.row.code }));
    });
    return results;
  };
}

function journalFacts(row: Row, seq: number, dvcqgStatus: number): JournalFacts {
  return {
    seq,
    type: row.type,
    at: row.at,
    note: row.note,
    dvcqgStatus,
    actorName: row.actor_name ?? "",
    actorTitle: row.actor_title ?? "",
    actorAgencyName: row.agency_name ?? "",
    stepStartedAt: row.step_started_at,
    stepDueAt: row.step_due_at,
  };
}

function dossierFacts(row: Row, fileUrl: (fileId: string) => string): DossierFacts {
  return {
    code: row.code,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    fieldName: row.field ?? "",
    channel: row.channel,
    applicant: row.applicant,
    submission: row.submission,
    components: row.components,
    handlingAgency: row.handling_agency,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    finishedAt: row.finished_at,
    returnedAt: row.returned_at,
    deliveryState: row.delivery_state,
    files: row.files.map((f) => ({
      id: f.id,
      name: f.name,
      component: f.component,
      kind: f.kind,
      url: fileUrl(f.id),
    })),
  };
}

/** The portal has the dossier (the journal owner keeps the flag). */
export { markSynced } from "../../casework/dossiers/journal.repository.ts";
