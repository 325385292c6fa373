import { sql } from "kysely";
import type { Deployment } from "../../agencies/deployment.types.ts";
import { err, ok } from "../../common/result.ts";
import type { Db } from "../../db/database.ts";
import { ACTION_RULES, type ActionType } from "../../dossiers/action-rules.ts";
import type { Applicant, Submission, SubmittedComponent } from "../../dossiers/dossier.types.ts";
import type { DossierStatus } from "../../dossiers/dossier-status.ts";
import type { Deliver } from "../outbox/outbox.repository.ts";
import type { DvcqgClient } from "./dvcqg.client.ts";
import { type DossierFacts, dossierMessage, type JournalFacts, progressMessage } from "./dvcqg.messages.ts";

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
}

/** Tells DVCQG one journal entry: the dossier record when its status moved, then a progress entry. */
export function dvcqgDeliverer(
  db: Db,
  deployment: Deployment,
  client: DvcqgClient,
  fileUrl: (fileId: string) => string,
): Deliver {
  return async (event) => {
    const r = await sql<Row>`
      SELECT d.code, d.procedure_code, d.procedure_name, p.field, d.channel, d.applicant, d.submission, d.components,
        d.handling_agency, d.received_at, d.due_at, d.finished_at, d.returned_at, d.delivery_state, d.synthetic,
        d.origin, d.step_started_at, a.type, a.at, a.note, a.from_status, a.to_status, a.step_due_at,
        o.full_name AS actor_name, o.title AS actor_title, g.name AS agency_name
      FROM dossier d
      JOIN dossier_action a ON a.dossier_id = d.id AND a.seq = ${event.seq}
      LEFT JOIN procedure p ON p.code = d.procedure_code
      LEFT JOIN official o ON o.id = a.actor_id
      LEFT JOIN agency g ON g.code = a.actor_agency
      WHERE d.id = ${event.dossierId}`.execute(db);
    const row = r.rows[0];
    if (!row)
      return err({ reason: "missing-entry", detail: `${event.dossierId}#${event.seq}`, retryable: true });
    if (row.synthetic) return ok("skipped");
    const files = await db
      .selectFrom("stored_file")
      .select(["id", "name", "component"])
      .where("dossier_id", "=", event.dossierId)
      .where("kind", "=", "submitted")
      .orderBy("id")
      .execute();
    const journal: JournalFacts = {
      seq: event.seq,
      type: row.type,
      at: row.at,
      note: row.note,
      dvcqgStatus: deployment.dvcqgMapping[row.to_status] ?? 0,
      actorName: row.actor_name ?? "",
      actorTitle: row.actor_title ?? "",
      actorAgencyName: row.agency_name ?? "",
      stepStartedAt: row.step_started_at,
      stepDueAt: row.step_due_at,
    };
    const facts: DossierFacts = {
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
      files: files.map((f) => ({ id: f.id, name: f.name, component: f.component, url: fileUrl(f.id) })),
    };
    const first = event.seq === 1;
    if (first || row.from_status !== row.to_status) {
      const pushed = await client.pushDossier(
        dossierMessage(facts, journal),
        !first || row.origin === "portal",
      );
      if (!pushed.ok) return pushed;
    }
    const progress = await client.pushProgress(progressMessage(row.code, journal, entryLabel(row.type)));
    if (!progress.ok) return progress;
    return ok("sent");
  };
}
