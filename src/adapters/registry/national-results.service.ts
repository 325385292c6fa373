import { sql } from "kysely";
import { appendSystemEntry } from "../../casework/dossiers/system-entry.repository.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import { fetchBytes } from "../http-json.client.ts";
import { nationalResult, type RegistryConfig } from "./registry.client.ts";

/**
 * Worker job: results the national registry issued (enterprise code, certificate) are pulled and
 * attached to the dossier, so nobody types them in again.
 */
export async function pullNationalResults(
  db: Db,
  c: RegistryConfig,
  files: FileStore,
  now: () => Date,
  limit = 100,
) {
  const open = await sql<{ id: string; code: string }>`
    SELECT d.id::text AS id, d.code FROM dossier d
    WHERE d.registry_ref IS NOT NULL AND d.finished_at IS NULL AND d.status IN ('received', 'processing')
      AND NOT EXISTS (SELECT 1 FROM dossier_action a WHERE a.dossier_id = d.id AND a.type = 'national-result')
    ORDER BY d.id LIMIT ${limit}`.execute(db);
  let attached = 0;
  for (const d of open.rows) {
    const r = await nationalResult(c, d.code);
    if (!r.ok || !r.value) continue;
    const pdf = r.value.fileUrl
      ? await fetchBytes(r.value.fileUrl, { timeoutMs: 10_000, maxBytes: 20_000_000 })
      : null;
    if (pdf && !pdf.ok) continue; // try again on the next pass
    const fileId = pdf
      ? await saveFile(
          db,
          files,
          {
            dossierId: d.id,
            kind: "result",
            name: `giay-chung-nhan-${r.value.enterpriseCode}.pdf`,
            mime: "application/pdf",
            source: "registry",
          },
          pdf.value.bytes,
        )
      : null;
    await appendSystemEntry(
      db,
      d.id,
      {
        type: "national-result",
        note: `Hệ thống đăng ký doanh nghiệp quốc gia đã cấp mã số ${r.value.enterpriseCode} (${r.value.certificateNumber})`,
        payload: { ...r.value, fileId },
      },
      now(),
    );
    attached++;
  }
  return attached;
}
