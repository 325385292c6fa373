import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { sanitizeFileName } from "../../kernel/files/file-name.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFileFrom } from "../../kernel/files/files.service.ts";
import type { CheckedDossier } from "../../kernel/http/auth-guard.ts";
import { readableDossier } from "../dossiers/dossier-queries.service.ts";
import { FINAL_STATUSES } from "../dossiers/dossier-status.ts";
import type { Actor } from "../dossiers/lifecycle.ts";
import { uploadErrors } from "./documents.errors.ts";
import { checkUpload, DEFAULT_KINDS, type FileKind, MIME, sizeRejection } from "./file-checks.ts";
import { checkPdfOffThread, PdfChecksBusy } from "./pdf-check-pool.worker.ts";
import { quarantine } from "./quarantine.store.ts";

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

/** A virus scanner hook (clamd when configured), fed the file as a stream; null answer: clean. */
export type VirusScan = (file: Readable) => Promise<{ infected: string | null }>;

/**
 * An upload is streamed to a quarantine file (hashed on the way, cut off past the size limit)
 * while nothing of it stays in memory; its type is read from its first bytes, its size,
 * structure and active content are checked, the PDF is parsed in a worker thread and the scanner
 * (if any) has seen it. Only then is it copied to the file store and recorded: a rejected file
 * leaves no trace.
 */
export async function uploadFile(
  ctx: { db: Db; files: FileStore; limits: UploadLimits; scan: VirusScan | null },
  code: string,
  actor: Actor & { id: number },
  f: { name: string; component: string; body: Readable; declaredSize: number | null },
  seen?: CheckedDossier,
): Promise<Result<{ fileId: string; kind: FileKind; size: number; sha256: string }, AppError>> {
  const name = sanitizeFileName(f.name);
  if (name === null) return err(uploadError({ code: "FILE_NAME_INVALID" }));
  const d = await readableDossier(ctx.db, code, actor, seen);
  if (!d.ok) return d;
  if (FINAL_STATUSES.has(d.value.status)) {
    return err(uploadErrors.dossierClosed());
  }
  const soFar = await ctx.db
    .selectFrom("stored_file")
    .select((e) => e.fn.coalesce(e.fn.sum<string>("size"), e.val("0")).as("n"))
    .where("dossier_id", "=", d.value.id)
    .executeTakeFirstOrThrow();
  const allowed: readonly FileKind[] = ctx.limits.officeFormats
    ? [...DEFAULT_KINDS, "docx", "xlsx"]
    : DEFAULT_KINDS;
  const limits = {
    allowed,
    maxFileBytes: ctx.limits.maxFileBytes,
    maxDossierBytes: ctx.limits.maxDossierBytes,
    dossierBytesSoFar: Number(soFar.n),
  };
  // A declared length over a limit is refused before a byte is read.
  const early = f.declaredSize === null ? null : sizeRejection(f.declaredSize, limits);
  if (early) return err(uploadError(early));
  const q = await quarantine(f.body, ctx.limits.maxFileBytes);
  if (!q.ok) {
    return err(
      q.reason === "too-large"
        ? uploadError({ code: "FILE_TOO_LARGE", limit: ctx.limits.maxFileBytes })
        : uploadInterrupted(),
    );
  }
  const file = q.file;
  try {
    if (file.size === 0) return err(uploadError({ code: "FILE_EMPTY" }));
    // A zip's directory is at its end: those few files are read whole (at most the size limit).
    const isZip = file.head.subarray(0, 2).toString("latin1") === "PK";
    const checked = checkUpload(isZip ? await file.readAll() : file.head, name, {
      ...limits,
      size: file.size,
    });
    if (!checked.ok) return err(uploadError(checked.rejection));
    if (checked.kind === "pdf") {
      const hazard = await checkPdfOffThread(file.path).catch((e) => {
        if (e instanceof PdfChecksBusy) return "busy" as const;
        throw e;
      });
      if (hazard === "busy") {
        return err(uploadErrors.busy());
      }
      if (hazard) return err(uploadError(hazard));
    }
    if (ctx.scan) {
      const verdict = await ctx.scan(createReadStream(file.path));
      if (verdict.infected) return err(uploadError({ code: "VIRUS_FOUND", name: verdict.infected }));
    }
    const fileId = await saveFileFrom(
      ctx.db,
      ctx.files,
      {
        dossierId: d.value.id,
        component: f.component,
        kind: "submitted",
        name,
        mime: MIME[checked.kind],
        source: "upload",
        uploadedBy: actor.id,
      },
      file,
    );
    return ok({ fileId, kind: checked.kind, size: file.size, sha256: file.sha256 });
  } finally {
    await file.release();
  }
}

export const uploadInterrupted = uploadErrors.interrupted;

const uploadError = uploadErrors.rejected;
