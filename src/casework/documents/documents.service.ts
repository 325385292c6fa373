import type { AppError } from "../../kernel/common/app-error.ts";
import { maskTail } from "../../kernel/common/mask.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import type { SubmittedComponent } from "../dossiers/dossier.types.ts";
import { documentErrors } from "./documents.errors.ts";
import { verdictOf, verifyPdfReport } from "./pades-verify.ts";
import type { SigningKeys } from "./pki.store.ts";
import { emptyTrustList, type TrustList } from "./trust.ts";
import type { VerifiedDocument } from "./verify-page.ts";

/** The trust list of the signing keys: their folder's, or (another SigningKeys) its trusted CAs. */
const trustOf = (signing: SigningKeys | null): TrustList =>
  signing?.trustList?.() ?? { ...emptyTrustList, anchors: signing?.trustedCas() ?? [] };

/** GET /verify/{id}: the result's metadata and whether its signature and hash hold. */
export async function verifyStored(
  db: Db,
  files: FileStore,
  signing: SigningKeys | null,
  publicId: string,
): Promise<Result<VerifiedDocument, AppError>> {
  const doc = await db
    .selectFrom("citizen_document as c")
    .leftJoin("stored_file as f", "f.id", "c.file_id")
    .select([
      "c.title",
      "c.document_number",
      "c.result_code",
      "c.issuer",
      "c.owner_id",
      "c.signed_at",
      "c.kind",
      "c.sha256",
      "f.sha256 as file_sha",
    ])
    .where("c.public_id", "=", publicId)
    .where("c.signed", "=", true)
    .executeTakeFirst();
  const bytes = doc?.file_sha ? await files.get(doc.file_sha) : null;
  if (!doc || !bytes) return err(documentErrors.notFound());
  const report = verifyPdfReport(bytes, trustOf(signing));
  const signature = verdictOf(report);
  return ok({
    title: doc.title,
    documentNumber: doc.document_number,
    resultCode: doc.result_code,
    issuer: doc.issuer,
    owner: maskTail(doc.owner_id),
    issuedAt: doc.signed_at?.toISOString() ?? null,
    kind: doc.kind,
    hashMatches: signature.sha256 === doc.sha256,
    signature,
    report,
  });
}

/** POST /verify: a PDF someone holds; its signature, and whether motcua issued exactly this file. */
export async function verifyUpload(db: Db, signing: SigningKeys | null, bytes: Buffer) {
  const report = verifyPdfReport(bytes, trustOf(signing));
  const signature = verdictOf(report);
  const known = await db
    .selectFrom("citizen_document")
    .select(["title", "document_number", "issuer", "public_id"])
    .where("sha256", "=", signature.sha256)
    .where("signed", "=", true)
    .executeTakeFirst();
  return {
    signature,
    report,
    issuedByThisSystem: known
      ? {
          title: known.title,
          documentNumber: known.document_number,
          issuer: known.issuer,
          verifyId: known.public_id,
        }
      : null,
  };
}

/** Kho dữ liệu: what an applicant already has on file, newest first. */
export async function documentsOf(db: Db, ownerId: string) {
  const rows = await db
    .selectFrom("citizen_document")
    .select([
      "id",
      "kind",
      "result_code",
      "document_number",
      "title",
      "issuer",
      "signed",
      "signed_at",
      "valid_until",
      "source",
      "created_at",
    ])
    .where("owner_id", "=", ownerId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    resultCode: r.result_code,
    documentNumber: r.document_number,
    title: r.title,
    issuer: r.issuer,
    signed: r.signed,
    signedAt: r.signed_at?.toISOString() ?? null,
    validUntil: r.valid_until,
    source: r.source,
  }));
}

/**
 * Components the applicant reuses from their data store: each named document must be theirs; the
 * component is marked reused, with the result code it replaces and the file on record.
 */
export async function resolveReuse(
  db: Db,
  ownerId: string,
  components: SubmittedComponent[],
): Promise<Result<SubmittedComponent[], AppError>> {
  const ids = components.flatMap((c) => (c.form === "reuse" && c.documentId ? [c.documentId] : []));
  if (ids.length === 0) return ok(components);
  const docs = await db
    .selectFrom("citizen_document")
    .select(["id", "owner_id", "result_code", "file_id", "source"])
    .where("id", "in", ids)
    .execute();
  const out: SubmittedComponent[] = [];
  for (const c of components) {
    if (c.form !== "reuse" || !c.documentId) {
      out.push(c);
      continue;
    }
    const doc = docs.find((x) => x.id === c.documentId);
    if (!doc || doc.owner_id !== ownerId) return err(documentErrors.notOwned(c.documentId));
    out.push({
      ...c,
      reused: true,
      fromNationalStore: doc.source === "national",
      replacedResultCode: doc.result_code,
      fileIds: doc.file_id ? [doc.file_id] : [],
    });
  }
  return ok(out);
}
