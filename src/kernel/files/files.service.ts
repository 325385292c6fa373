import type { Db } from "../db/database.ts";
import { sanitizeFileName } from "./file-name.ts";
import type { FileStore } from "./file-store.store.ts";

interface FileRecord {
  dossierId: string | null;
  component?: string;
  kind: string;
  name: string;
  mime: string;
  source: string;
  uploadedBy?: number | null;
}

/** Stores bytes once (by hash) and records who they belong to. */
export async function saveFile(db: Db, store: FileStore, f: FileRecord, bytes: Buffer): Promise<string> {
  return recordFile(db, f, await store.put(bytes));
}

/** The same for a checked file on disk (an upload), streamed to the store. */
export async function saveFileFrom(
  db: Db,
  store: FileStore,
  f: FileRecord,
  file: { path: string; sha256: string; size: number },
): Promise<string> {
  await store.putFile(file.path, file.sha256, file.size);
  return recordFile(db, f, file);
}

async function recordFile(db: Db, f: FileRecord, { sha256, size }: { sha256: string; size: number }) {
  const row = await db
    .insertInto("stored_file")
    .values({
      dossier_id: f.dossierId,
      component: f.component ?? "",
      kind: f.kind,
      // Every stored name is the sanitised one, so lists and downloads show what was checked.
      name: sanitizeFileName(f.name) ?? "tep",
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
