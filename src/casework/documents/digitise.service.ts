import { PDFDocument } from "pdf-lib";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import type { Applicant, SubmittedComponent } from "../dossiers/dossier.types.ts";
import { digitiseErrors } from "./documents.errors.ts";

/** Several page images become one PDF, a page per image, in the order given (pdf-lib). */
export async function imagesToPdf(images: { bytes: Buffer; mime: string }[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const img of images) {
    const embedded = img.mime === "image/png" ? await pdf.embedPng(img.bytes) : await pdf.embedJpg(img.bytes);
    const page = pdf.addPage([embedded.width, embedded.height]);
    page.drawImage(embedded, { x: 0, y: 0, width: embedded.width, height: embedded.height });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/**
 * Số hóa: the official attaches the scans of a paper component; it is marked digitised, the scans
 * (combined into one PDF when they are page images) stay with it, and the digitised paper goes
 * into the applicant's data store so it need not be brought again.
 */
export async function digitiseComponent(
  db: Db,
  files: FileStore,
  d: { id: string; applicant: Applicant; components: SubmittedComponent[] },
  req: { component: string; fileIds: string[] },
  actorId: number | null,
): Promise<Result<SubmittedComponent[], AppError>> {
  const index = d.components.findIndex((c) => c.name.normalize("NFC") === req.component.normalize("NFC"));
  if (index < 0) return err(digitiseErrors.noComponent(req.component));
  const rows = await db
    .selectFrom("stored_file")
    .select(["id", "mime", "sha256", "name"])
    .where("dossier_id", "=", d.id)
    .where("kind", "=", "submitted")
    .where("id", "in", req.fileIds)
    .execute();
  if (rows.length !== new Set(req.fileIds).size) return err(digitiseErrors.noFiles());
  const ordered = req.fileIds.map((id) => rows.find((r) => r.id === id) as (typeof rows)[number]);
  let fileIds = ordered.map((r) => r.id);
  if (ordered.length > 1 && ordered.every((r) => r.mime === "image/jpeg" || r.mime === "image/png")) {
    const images = await Promise.all(
      ordered.map(async (r) => ({ bytes: (await files.get(r.sha256)) as Buffer, mime: r.mime })),
    );
    const combined = await imagesToPdf(images);
    fileIds = [
      await saveFile(
        db,
        files,
        {
          dossierId: d.id,
          component: req.component,
          kind: "submitted",
          name: `${req.component.slice(0, 80)}.pdf`,
          mime: "application/pdf",
          source: "digitised",
          uploadedBy: actorId,
        },
        combined,
      ),
    ];
  }
  const first = await db
    .selectFrom("stored_file")
    .select(["id", "sha256"])
    .where("id", "=", fileIds[0] as string)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("citizen_document")
    .values({
      owner_id: d.applicant.idNumber,
      kind: "digitised",
      title: req.component.slice(0, 500),
      file_id: first.id,
      dossier_id: d.id,
      sha256: first.sha256,
      valid_until: null,
    })
    .execute();
  const components = d.components.map((c, i) =>
    i === index ? { ...c, form: "scan" as const, digitised: true, fileIds } : c,
  );
  return ok(components);
}
