import type { AppError } from "../common/app-error.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import type { FileStore } from "./file-store.store.ts";
import { fileErrors } from "./files.errors.ts";
import { verifyFileSignature } from "./signed-url.ts";

/** What a download needs of the integrations: the link secret and the store. */
export interface DownloadSources {
  fileUrlSecret: string;
  files: FileStore;
}

export async function fileForDownload(
  db: Db,
  i: DownloadSources,
  id: string,
  exp: number,
  sig: string,
  now: Date,
): Promise<Result<{ name: string; mime: string; bytes: Buffer }, AppError>> {
  const v = verifyFileSignature(i.fileUrlSecret, id, exp, sig, Math.floor(now.getTime() / 1000));
  if (v !== "ok") {
    return err(v === "expired" ? fileErrors.linkExpired() : fileErrors.linkInvalid());
  }
  const f = await db
    .selectFrom("stored_file")
    .select(["name", "mime", "sha256"])
    .where("id", "=", id)
    .executeTakeFirst();
  const bytes = f ? await i.files.get(f.sha256) : null;
  if (!f || !bytes) return err(fileErrors.notFound());
  return ok({ name: f.name, mime: f.mime, bytes });
}
