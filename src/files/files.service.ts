import type { Db } from "../db/database.ts";
import type { FileStore } from "./file-store.store.ts";

/** Stores bytes once (by hash) and records who they belong to. */
export async function saveFile(
  db: Db,
  store: FileStore,
  f: {
    dossierId: string | null;
    component?: string;
    kind: string;
    name: string;
    mime: string;
    source: string;
    uploadedBy?: number | null;
  },
  bytes: Buffer,
): Promise<string> {
  const { sha256, size } = await store.put(bytes);
  const row = await db
    .insertInto("stored_file")
    .values({
      dossier_id: f.dossierId,
      component: f.component ?? "",
      kind: f.kind,
      name: f.name,
      mime: f.mime,
      size,
      sha256,
      source: f.source,
      uploaded_by: f.uploadedBy ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
