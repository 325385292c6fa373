import { PDFDocument } from "pdf-lib";
import { type AppError, appError } from "../common/app-error.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import type { CheckedDossier } from "../dossiers/dossier-access.repository.ts";
import { readableDossier } from "../dossiers/dossier-queries.service.ts";
import { FINAL_STATUSES } from "../dossiers/dossier-status.ts";
import type { Actor } from "../dossiers/lifecycle.ts";
import type { FileStore } from "../files/file-store.store.ts";
import { saveFile } from "../files/files.service.ts";
import {
  checkUpload,
  DEFAULT_KINDS,
  type FileKind,
  MIME,
  type Rejection,
  rejectionMessage,
} from "./file-checks.ts";

export interface UploadLimits {
  maxFileBytes: number;
  maxDossierBytes: number;
  /** Kinds accepted beyond PDF and images (DOCX, XLSX) where the province allows them. */
  officeFormats: boolean;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 20 * 1_048_576,
  maxDossierBytes: 100 * 1_048_576,
  officeFormats: false,
};

/** A virus scanner hook (clamd when configured); null answer: clean. */
export type VirusScan = (bytes: Buffer) => Promise<{ infected: string | null }>;

/**
 * An upload is held in memory (quarantine) while its type is read from its bytes, its size,
 * structure and active content are checked, the PDF is parsed and the scanner (if any) has seen it.
 * Only then is it written to the file store and recorded: a rejected file leaves no trace.
 */
export async function uploadFile(
  ctx: { db: Db; files: FileStore; limits: UploadLimits; scan: VirusScan | null },
  code: string,
  actor: Actor & { id: number },
  f: { name: string; component: string; bytes: Buffer },
  seen?: CheckedDossier,
): Promise<Result<{ fileId: string; kind: FileKind; size: number; sha256: string }, AppError>> {
  const d = await readableDossier(ctx.db, code, actor, seen);
  if (!d.ok) return d;
  if (FINAL_STATUSES.has(d.value.status)) {
    return err(
      appError("DOSSIER_CLOSED", 409, "Hồ sơ đã kết thúc, không nhận thêm tệp.", "The dossier is closed."),
    );
  }
  const soFar = await ctx.db
    .selectFrom("stored_file")
    .select((e) => e.fn.coalesce(e.fn.sum<string>("size"), e.val("0")).as("n"))
    .where("dossier_id", "=", d.value.id)
    .executeTakeFirstOrThrow();
  const checked = checkUpload(f.bytes, f.name, {
    maxFileBytes: ctx.limits.maxFileBytes,
    maxDossierBytes: ctx.limits.maxDossierBytes,
    dossierBytesSoFar: Number(soFar.n),
    allowed: ctx.limits.officeFormats ? [...DEFAULT_KINDS, "docx", "xlsx"] : DEFAULT_KINDS,
  });
  if (!checked.ok) return err(uploadError(checked.rejection));
  if (checked.kind === "pdf") {
    try {
      await PDFDocument.load(f.bytes, { updateMetadata: false });
    } catch {
      return err(uploadError({ code: "PDF_MALFORMED" }));
    }
  }
  if (ctx.scan) {
    const verdict = await ctx.scan(f.bytes);
    if (verdict.infected) return err(uploadError({ code: "VIRUS_FOUND", name: verdict.infected }));
  }
  const fileId = await saveFile(
    ctx.db,
    ctx.files,
    {
      dossierId: d.value.id,
      component: f.component,
      kind: "submitted",
      name: f.name.normalize("NFC").slice(0, 200),
      mime: MIME[checked.kind],
      source: "upload",
      uploadedBy: actor.id,
    },
    f.bytes,
  );
  const row = await ctx.db
    .selectFrom("stored_file")
    .select(["sha256", "size"])
    .where("id", "=", fileId)
    .executeTakeFirstOrThrow();
  return ok({ fileId, kind: checked.kind, size: Number(row.size), sha256: row.sha256 });
}

function uploadError(r: Rejection): AppError {
  const status = r.code === "FILE_TOO_LARGE" || r.code === "DOSSIER_FILES_TOO_LARGE" ? 413 : 400;
  return appError(r.code, status, rejectionMessage(r), `Upload rejected: ${r.code}.`, r);
}
