import { sql } from "kysely";
import { ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { requeueDossier } from "../outbox/outbox.repository.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import type { DvcqgClient } from "./dvcqg.client.ts";
import { portalTime } from "./dvcqg.messages.ts";

export interface ReconcileReport {
  at: string;
  compared: number;
  /** Still being delivered: not judged. */
  inFlight: number;
  localOnly: string[];
  portalOnly: string[];
  mismatched: { code: string; field: string; local: string; portal: string }[];
  requeued: number;
}

/**
 * Đối soát: compares local dossiers with the portal's (TraCuuHoSo / list) and re-queues what the
 * outbox can fix. Portal-only dossiers are reported: only a person can say what they are.
 */
export async function reconcileWithPortal(
  db: Db,
  client: DvcqgClient,
  opts: { requeue: boolean; since: string },
): Promise<Result<ReconcileReport, DeliveryFailure>> {
  const since = portalTime(new Date(`${opts.since}T00:00:00+07:00`));
  let listed = await client.list("DanhSachHoSo", since);
  for (let attempt = 1; !listed.ok && listed.error.retryable && attempt < 4; attempt++) {
    await new Promise((r) => setTimeout(r, 500 * attempt));
    listed = await client.list("DanhSachHoSo", since);
  }
  if (!listed.ok) return listed;
  const portal = new Map(listed.value.map((h) => [String(h.MaHoSo), h]));
  const local = await sql<{
    id: string;
    code: string;
    dvcqg_status: number;
    last_seq: number;
    due_at: Date | null;
    pending: boolean;
  }>`
    SELECT d.id::text AS id, d.code, d.dvcqg_status, d.last_seq, d.due_at,
      EXISTS (SELECT 1 FROM outbox_event e WHERE e.topic = 'dvcqg' AND e.dossier_id = d.id AND e.delivered_at IS NULL) AS pending
    FROM dossier d
    WHERE NOT d.synthetic AND d.received_at >= ${`${opts.since}T00:00:00+07:00`}::timestamptz`.execute(db);
  const report: ReconcileReport = {
    at: new Date().toISOString(),
    compared: 0,
    inFlight: 0,
    localOnly: [],
    portalOnly: [],
    mismatched: [],
    requeued: 0,
  };
  const fix: string[] = [];
  for (const d of local.rows) {
    const p = portal.get(d.code);
    portal.delete(d.code);
    if (d.pending) {
      report.inFlight++;
      continue;
    }
    report.compared++;
    if (!p) {
      report.localOnly.push(d.code);
      fix.push(d.id);
      continue;
    }
    const checks: [string, string, string][] = [
      ["TrangThaiHoSo", String(d.dvcqg_status), String(p.TrangThaiHoSo)],
      ["NgayHenTra", portalTime(d.due_at), String(p.NgayHenTra ?? "")],
      ["SoTienDo", String(d.last_seq), String(p.SoTienDo ?? "")],
    ];
    const wrong = checks.filter(([, a, b]) => a !== b);
    for (const [field, l, r] of wrong) report.mismatched.push({ code: d.code, field, local: l, portal: r });
    if (wrong.length > 0) fix.push(d.id);
  }
  report.portalOnly = [...portal.keys()].filter((code) => String(portal.get(code)?.TrangThaiHoSo) !== "1");
  if (opts.requeue) {
    for (const id of fix) await requeueDossier(db, "dvcqg", id);
    report.requeued = fix.length;
  }
  await db
    .insertInto("integration_state")
    .values({ key: "dvcqg.reconcile", value: JSON.stringify(report) })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: JSON.stringify(report), updated_at: new Date() }),
    )
    .execute();
  return ok(report);
}
