import type { DossierStatus } from "../../src/casework/dossiers/dossier-status.ts";
import type { Db } from "../../src/kernel/db/database.ts";
import { DEMO_PROCEDURE } from "../support/dossiers.ts";

/** A dossier written by hand for the KPI tests, with a journal that tells the same story. */
export interface HandDossier {
  code: string;
  receivedAt: string;
  status: DossierStatus;
  receiving?: string;
  handling?: string;
  channel?: 1 | 2 | 3;
  by?: "applicant" | "official";
  vneid?: boolean;
  firstDueAt?: string | null;
  dueAt?: string | null;
  finishedAt?: string | null;
  reappointedAt?: string;
  late?: boolean;
  resultKind?: "positive" | "negative";
  signed?: boolean;
  synced?: boolean;
  population?: boolean;
  components?: { digitised?: boolean; reused?: boolean }[];
}

export const CENTRE = "DEMO.37.TTPVHCC";
export const JUSTICE = "DEMO.37.STP";

const FINAL_BY_TYPE: Partial<Record<DossierStatus, string>> = {
  withdrawn: "withdraw",
  stopped: "stop",
  "supplement-requested": "request-supplement",
};

function journal(d: HandDossier): { type: string; at: string; to: DossierStatus }[] {
  const accepted = d.firstDueAt !== undefined && d.firstDueAt !== null;
  if (!accepted) return [{ type: "receive", at: d.receivedAt, to: d.status }];
  const out: { type: string; at: string; to: DossierStatus }[] = [
    { type: "receive", at: d.receivedAt, to: "received" },
    { type: "forward", at: d.receivedAt, to: "processing" },
  ];
  if (d.reappointedAt) out.push({ type: "reappoint", at: d.reappointedAt, to: "processing" });
  if (d.status === "result-ready" || d.status === "returned") {
    out.push({ type: "issue-result", at: d.finishedAt as string, to: "result-ready" });
    if (d.status === "returned")
      out.push({ type: "return-result", at: d.finishedAt as string, to: "returned" });
  } else if (d.status !== "processing") {
    out.push({ type: FINAL_BY_TYPE[d.status] ?? d.status, at: d.finishedAt ?? d.receivedAt, to: d.status });
  }
  return out;
}

export async function insertHandDossiers(db: Db, list: HandDossier[]): Promise<void> {
  for (const d of list) {
    const entries = journal(d);
    const at = (s: string | null | undefined) => (s ? new Date(s) : null);
    const row = await db
      .insertInto("dossier")
      .values({
        code: d.code,
        pin_hash: "x",
        procedure_code: DEMO_PROCEDURE,
        procedure_name: "Đăng ký kết hôn",
        process_version: 1,
        channel: d.channel ?? 1,
        applicant: JSON.stringify({
          kind: "individual",
          name: `Người nộp ${d.code}`,
          idNumber: "035085000123",
        }),
        submission: JSON.stringify({
          by: d.by ?? "applicant",
          vneidVerified: d.vneid ?? false,
          agencyNetwork: d.by === "official",
        }),
        components: JSON.stringify(
          (d.components ?? [{}]).map((c) => ({
            name: "Tờ khai",
            form: "paper",
            originals: 1,
            copies: 0,
            ...c,
          })),
        ),
        receiving_agency: d.receiving ?? CENTRE,
        handling_agency: d.handling ?? JUSTICE,
        status: d.status,
        dvcqg_status: 4,
        step_role: "specialist",
        step_agency: d.handling ?? JUSTICE,
        received_at: new Date(d.receivedAt),
        first_due_at: at(d.firstDueAt),
        due_at: at(d.dueAt ?? d.firstDueAt),
        finished_at: at(d.finishedAt),
        reappointed: Boolean(d.reappointedAt),
        late: d.late ?? Boolean(d.reappointedAt),
        result_kind: d.resultKind ?? null,
        signing_state: d.signed ? "signed" : d.resultKind ? "paper" : "unsigned",
        sync_state: d.synced ? "synced" : "pending",
        identity_check: d.population ? "verified" : "not-configured",
        last_seq: entries.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("dossier_action")
      .values(
        entries.map((e, i) => ({
          dossier_id: row.id,
          seq: i + 1,
          type: e.type,
          actor_id: null,
          actor_agency: d.receiving ?? CENTRE,
          at: new Date(e.at),
          note: "",
          payload: "{}",
          from_status: i === 0 ? null : (entries[i - 1]?.to ?? null),
          to_status: e.to,
        })),
      )
      .execute();
  }
}
