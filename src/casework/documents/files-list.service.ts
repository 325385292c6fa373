import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import type { CheckedDossier } from "../../kernel/http/auth-guard.ts";
import { readableDossier } from "../dossiers/dossier-queries.service.ts";
import type { Actor } from "../dossiers/lifecycle.ts";

/** A dossier's files, for whoever may read the dossier. */
export async function filesOf(db: Db, code: string, actor: Actor, checked?: CheckedDossier) {
  const d = await readableDossier(db, code, actor, checked);
  if (!d.ok) return d;
  const rows = await db
    .selectFrom("stored_file")
    .select([
      "id",
      "component",
      "kind",
      "name",
      "mime",
      "size",
      "sha256",
      "source",
      "created_at",
      "ocr_text",
      "uploaded_by",
    ])
    // A component's version: the order of its uploads (derived, never stored twice).
    .select(sql<number>`row_number() OVER (PARTITION BY component, kind ORDER BY id)::int`.as("version"))
    .where("dossier_id", "=", d.value.id)
    .orderBy("id")
    .execute();
  return {
    ok: true as const,
    value: rows.map((f) => ({
      id: f.id,
      component: f.component,
      kind: f.kind,
      name: f.name,
      mime: f.mime,
      size: Number(f.size),
      sha256: f.sha256,
      source: f.source,
      version: f.version,
      uploadedBy: f.uploaded_by,
      createdAt: f.created_at.toISOString(),
      ocrText: f.ocr_text === null ? null : f.ocr_text.slice(0, 2_000),
    })),
  };
}
