import type { Integrations } from "../../app/context.ts";
import { type AppError, appError } from "../common/app-error.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import { verifyFileSignature } from "./signed-url.ts";

export async function fileForDownload(
  db: Db,
  i: Integrations,
  id: string,
  exp: number,
  sig: string,
  now: Date,
): Promise<Result<{ name: string; mime: string; bytes: Buffer }, AppError>> {
  const v = verifyFileSignature(i.fileUrlSecret, id, exp, sig, Math.floor(now.getTime() / 1000));
  if (v !== "ok") {
    return err(
      appError(
        v === "expired" ? "FILE_LINK_EXPIRED" : "FILE_LINK_INVALID",
        403,
        v === "expired" ? "Đường dẫn tải tệp đã hết hạn." : "Đường dẫn tải tệp không hợp lệ.",
        v === "expired" ? "The link has expired." : "Invalid link.",
      ),
    );
  }
  const f = await db
    .selectFrom("stored_file")
    .select(["name", "mime", "sha256"])
    .where("id", "=", id)
    .executeTakeFirst();
  const bytes = f ? await i.files.get(f.sha256) : null;
  if (!f || !bytes) return err(appError("NOT_FOUND", 404, "Không có tệp.", "No such file."));
  return ok({ name: f.name, mime: f.mime, bytes });
}
