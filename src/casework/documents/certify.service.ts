import { PDFDocument } from "pdf-lib";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import type { CheckedDossier } from "../../kernel/http/auth-guard.ts";
import { readableDossier } from "../dossiers/dossier-queries.service.ts";
import type { Actor } from "../dossiers/lifecycle.ts";
import { imagesToPdf } from "./digitise.service.ts";
import { certifyErrors, resultErrors } from "./documents.errors.ts";
import { type DocumentContext, signResult } from "./results.service.ts";

/**
 * Chứng thực bản sao điện tử từ bản chính: a scanned original becomes a signed electronic copy
 * in the owner's data store, reusable later like a result.
 */
export async function certifyCopy(
  db: Db,
  docs: Omit<DocumentContext, "provinceCode">,
  code: string,
  actor: Actor & { id: number },
  req: { fileId: string; title: string; resultCode: string },
  now: Date,
  checked?: CheckedDossier,
): Promise<Result<{ documentId: string; publicId: string; fileId: string }, AppError>> {
  if (!actor.roles.some((r) => r === "desk" || r === "clerk")) {
    return err(certifyErrors.forbidden());
  }
  const d = await readableDossier(db, code, actor, checked);
  if (!d.ok) return d;
  const f = await db
    .selectFrom("stored_file")
    .select(["id", "mime", "sha256", "name"])
    .where("id", "=", req.fileId)
    .where("dossier_id", "=", d.value.id)
    .executeTakeFirst();
  const bytes = f ? await docs.files.get(f.sha256) : null;
  if (!f || !bytes) return err(certifyErrors.fileNotFound());
  const agency = await db
    .selectFrom("agency")
    .select(["code", "name"])
    .where("code", "=", d.value.receiving_agency)
    .executeTakeFirstOrThrow();
  const signer = docs.signing?.signerFor(agency) ?? null;
  if (!signer) return err(resultErrors.noCertificate(agency.name));
  // Signing appends to a classic cross-reference table: re-save PDFs that use object streams.
  const pdf =
    f.mime === "application/pdf"
      ? Buffer.from(await (await PDFDocument.load(bytes)).save({ useObjectStreams: false }))
      : await imagesToPdf([{ bytes, mime: f.mime }]);
  const signed = await signResult(docs, pdf, signer, {
    reason: `Chứng thực bản sao điện tử từ bản chính: ${req.title}`,
    name: agency.name,
    location: "Việt Nam",
    signingTime: now,
  });
  if (!signed.ok) return signed;
  const fileId = await saveFile(
    db,
    docs.files,
    {
      dossierId: d.value.id,
      kind: "certified-copy",
      name: `ban-sao-${f.name.replace(/\.\w+$/, "")}.pdf`,
      mime: "application/pdf",
      source: "certified",
      uploadedBy: actor.id,
    },
    signed.value,
  );
  const stored = await db
    .selectFrom("stored_file")
    .select("sha256")
    .where("id", "=", fileId)
    .executeTakeFirstOrThrow();
  const doc = await db
    .insertInto("citizen_document")
    .values({
      owner_id: d.value.applicant.idNumber,
      kind: "certified-copy",
      result_code: req.resultCode,
      title: req.title,
      file_id: fileId,
      dossier_id: d.value.id,
      issuer: agency.name,
      signed: true,
      signer: agency.name,
      signed_at: now,
      sha256: stored.sha256,
      valid_until: null,
    })
    .returning(["id", "public_id"])
    .executeTakeFirstOrThrow();
  return ok({ documentId: doc.id, publicId: doc.public_id, fileId });
}
