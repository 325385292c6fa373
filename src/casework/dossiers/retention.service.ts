import { sql } from "kysely";
import { recordAudit } from "../../kernel/audit/audit.repository.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import type { Applicant, Submission } from "./dossier.types.ts";
import { blankPersonalData } from "./journal.repository.ts";
import { purgedApplicant, purgedSubmission, type RetentionSettings, retentionCutoffs } from "./retention.ts";

/**
 * Removes the personal data of dossiers past their retention (Decree 13/2023: kept no longer
 * than needed): refused at the desk, or left awaiting completion. The dossier, its journal and
 * its numbers stay; the applicant's fields, the authorised person's name and the files go.
 * Idempotent, in batches, safe with several workers (SKIP LOCKED).
 */
export async function purgeExpiredPersonalData(
  db: Db,
  files: FileStore,
  settings: RetentionSettings,
  now: Date,
  batch = 500,
): Promise<{ dossiers: number; files: number }> {
  const cut = retentionCutoffs(now, settings);
  const { ids, blobs } = await db.transaction().execute(async (tx) => {
    const due = await sql<{ id: string; applicant: Applicant; submission: Submission }>`
      SELECT id, applicant, submission FROM dossier
      WHERE personal_data_purged_at IS NULL
        AND ((status = 'refused' AND COALESCE(finished_at, received_at) < ${cut.refused})
          OR (status = 'awaiting-completion'
            AND (SELECT max(a.at) FROM dossier_action a WHERE a.dossier_id = dossier.id) < ${cut.awaiting}))
      ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(tx);
    for (const d of due.rows) {
      const blanked = { applicant: purgedApplicant(d.applicant), submission: purgedSubmission(d.submission) };
      await blankPersonalData(tx, d.id, blanked, now);
    }
    const ids = due.rows.map((d) => d.id);
    const removed = ids.length
      ? await tx.deleteFrom("stored_file").where("dossier_id", "in", ids).returning("sha256").execute()
      : [];
    return { ids, blobs: [...new Set(removed.map((f) => f.sha256))] };
  });
  // Bytes go only when no other file (another dossier's copy of the same scan) still names them.
  let deleted = 0;
  for (const sha of blobs) {
    const still = await db
      .selectFrom("stored_file")
      .select("id")
      .where("sha256", "=", sha)
      .executeTakeFirst();
    if (!still) {
      await files.delete(sha);
      deleted++;
    }
  }
  if (ids.length) {
    await recordAudit(db, {
      at: now,
      actorKind: "system",
      actorId: null,
      roles: [],
      agencyCode: null,
      action: "retention purge",
      objectType: "dossiers",
      objectId: "",
      purpose: "Hết thời hạn lưu giữ dữ liệu cá nhân",
      requestId: "",
      status: 200,
      details: { dossiers: ids, files: blobs.length },
    });
  }
  return { dossiers: ids.length, files: deleted };
}
