import { X509Certificate } from "node:crypto";
import { sql } from "kysely";
import QRCode from "qrcode";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import { MS_PER_MINUTE, VIETNAM_UTC_OFFSET_MINUTES } from "../../reference/calendar/local-time.ts";
import type { Applicant } from "../dossiers/dossier.types.ts";
import { loadFonts } from "../forms/fonts.loader.ts";
import { resultErrors } from "./documents.errors.ts";
import { type PadesOptions, type SignatureMeta, signPdf } from "./pades.ts";
import type { SigningKeys } from "./pki.store.ts";
import { renderResult } from "./result-document.ts";
import { type ResultSigner, SignerUnavailable, TimestampUnavailable } from "./result-signer.ts";
import { buildChain, emptyTrustList } from "./trust.ts";

// Until casework/dossiers/actions.service.ts imports it from documents.errors.ts (the journal rewrite).
export { resultErrors };

export interface DocumentContext {
  files: FileStore;
  signing: SigningKeys | null;
  publicUrl: string;
  /** The deployment's province (post-2025 code): where documents are issued. */
  provinceCode: string;
}

/**
 * Ban hành kết quả điện tử: the next number of the agency's register, the result rendered with a
 * verification QR code, signed with the agency's certificate, stored, and put in the owner's
 * data store for reuse. Runs inside the action's transaction: all of it, or none.
 */
export async function issueElectronicResult(
  db: Db,
  docs: DocumentContext,
  d: {
    id: string;
    code: string;
    procedure_code: string;
    procedure_name: string;
    handling_agency: string;
    applicant: Applicant;
  },
  o: {
    resultCode?: string;
    content?: string;
    kind: "positive" | "negative";
    /** Who issues it (văn thư): the competent official is whoever approved, else they. */
    actorId: number | null;
    now: Date;
  },
): Promise<Result<{ documentId: string; fileId: string; documentNumber: string }, AppError>> {
  const agency = await db
    .selectFrom("agency")
    .select(["code", "name"])
    .where("code", "=", d.handling_agency)
    .executeTakeFirstOrThrow();
  const official = await competentOfficial(db, d.id, o.actorId);
  const signer =
    docs.signing?.signerFor(
      agency,
      official ? { username: official.username, fullName: official.full_name } : undefined,
    ) ?? null;
  if (!signer) return err(resultErrors.noCertificate(agency.name));
  const local = new Date(o.now.getTime() + VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE);
  const year = local.getUTCFullYear();
  const n = await sql<{ last: number }>`
    INSERT INTO document_register (agency_code, year, last) VALUES (${agency.code}, ${year}, 1)
    ON CONFLICT (agency_code, year) DO UPDATE SET last = document_register.last + 1 RETURNING last`.execute(
    db,
  );
  const documentNumber = `${n.rows[0]?.last}/${year}/KQ-${agency.code.split(".").pop()}`;
  const known = await db
    .selectFrom("procedure_result")
    .select(["result_code", "name"])
    .where("procedure_code", "=", d.procedure_code)
    .$if(Boolean(o.resultCode), (q) => q.where("result_code", "=", o.resultCode as string))
    .orderBy("result_code")
    .executeTakeFirst();
  const resultCode = o.resultCode ?? known?.result_code ?? "";
  const title =
    o.kind === "negative"
      ? "Văn bản trả lời không giải quyết thủ tục hành chính"
      : (known?.name ?? "Kết quả giải quyết thủ tục hành chính");
  const doc = await db
    .insertInto("citizen_document")
    .values({
      owner_id: d.applicant.idNumber,
      kind: "result",
      result_code: o.kind === "negative" ? "" : resultCode,
      document_number: documentNumber,
      title,
      dossier_id: d.id,
      issuer: agency.name,
      valid_until: null,
      file_id: null,
    })
    .returning(["id", "public_id"])
    .executeTakeFirstOrThrow();
  const verifyUrl = `${docs.publicUrl}/verify/${doc.public_id}`;
  const pdf = await renderResult(
    loadFonts(),
    {
      agencyName: agency.name,
      documentNumber,
      issuedOn: vnLongDate(local),
      title,
      resultCode,
      dossierCode: d.code,
      procedureName: d.procedure_name,
      applicantName: d.applicant.name,
      applicantId: d.applicant.idNumber,
      content:
        o.content ??
        `${agency.name} cấp kết quả giải quyết thủ tục "${d.procedure_name}" theo hồ sơ ${d.code}.`,
      signerTitle: official?.title || "Người có thẩm quyền (ký số)",
      signerName: official?.full_name ?? "",
      place: await placeName(db, docs.provinceCode),
      verifyUrl,
    },
    await QRCode.toBuffer(verifyUrl, { margin: 1, width: 180, errorCorrectionLevel: "M" }),
  );
  const seal = docs.signing?.sealFor?.(agency) ?? null;
  const signed = await signResult(
    docs,
    pdf,
    signer,
    { reason: `Ban hành ${documentNumber}`, name: agency.name, location: "Việt Nam", signingTime: o.now },
    { seal: seal ? { signer: seal, name: `${agency.name} (con dấu)` } : null, longTerm: true },
  );
  if (!signed.ok) return signed;
  const fileId = await saveFile(
    db,
    docs.files,
    {
      dossierId: d.id,
      kind: "result",
      name: `ket-qua-${d.code}.pdf`,
      mime: "application/pdf",
      source: "motcua",
    },
    signed.value,
  );
  const file = await db
    .selectFrom("stored_file")
    .select("sha256")
    .where("id", "=", fileId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("citizen_document")
    .set({ file_id: fileId, signed: true, signer: agency.name, signed_at: o.now, sha256: file.sha256 })
    .where("id", "=", doc.id)
    .execute();
  return ok({ documentId: doc.id, fileId, documentNumber });
}

/**
 * PAdES-signs, time-stamped when a TSA is configured; then the seal's signature when given, and
 * with `longTerm` a DSS with the revocation data the signing keys have (B-LT). A TSA that does
 * not answer is a 503, not a crash.
 */
export async function signResult(
  docs: Pick<DocumentContext, "signing">,
  pdf: Buffer,
  signer: ResultSigner,
  meta: SignatureMeta,
  o: { seal?: { signer: ResultSigner; name: string } | null; longTerm?: boolean } = {},
): Promise<Result<Buffer, AppError>> {
  try {
    const signatures: PadesOptions["signatures"] = [{ signer, meta }];
    if (o.seal) signatures.push({ signer: o.seal.signer, meta: { ...meta, name: o.seal.name } });
    // A result its own /verify would call invalid is not issued: each signer must chain to the
    // trust list (the demo CA counts only in demo mode).
    for (const s of signatures) {
      const refused = await untrusted(docs.signing, s.signer, meta.signingTime);
      if (refused) return err(refused);
    }
    const chains =
      o.longTerm && docs.signing?.revocationFor
        ? (await Promise.all(signatures.map((s) => s.signer.certificateChain()))).flat()
        : null;
    const longTerm = chains ? (docs.signing?.revocationFor?.(chains) ?? null) : null;
    return ok(await signPdf(pdf, { signatures, tsa: docs.signing?.timestamps ?? null, longTerm }));
  } catch (e) {
    if (e instanceof TimestampUnavailable) return err(resultErrors.timestampUnavailable());
    if (e instanceof SignerUnavailable) return err(resultErrors.signerUnavailable(e.code, e.message));
    throw e;
  }
}

/**
 * The competent official (người có thẩm quyền): who last approved the dossier, else who issues the
 * result. Their name is printed above the signature, and signers.json may give them their own token.
 */
async function competentOfficial(db: Db, dossierId: string, actorId: number | null) {
  const approver = await db
    .selectFrom("dossier_action")
    .select("actor_id")
    .where("dossier_id", "=", dossierId)
    .where("type", "=", "approve")
    .where("actor_id", "is not", null)
    .orderBy("seq", "desc")
    .executeTakeFirst();
  const id = approver?.actor_id ?? actorId;
  if (id === null) return null;
  return (
    (await db
      .selectFrom("official")
      .select(["username", "full_name", "title"])
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}

/** The place a document is issued at (địa danh, Decree 30/2020): the deployment's province. */
async function placeName(db: Db, provinceCode: string): Promise<string> {
  const province = await db
    .selectFrom("admin_unit")
    .select("name")
    .where("code", "=", provinceCode)
    .where("era", "=", "post2025")
    .executeTakeFirst();
  return province?.name ?? "";
}

/** Why a signer's certificate would not verify here (untrusted, demo outside demo, expired); null if it would. */
async function untrusted(
  signing: SigningKeys | null,
  signer: ResultSigner,
  at: Date,
): Promise<AppError | null> {
  if (!signing) return null;
  const chain = await signer.certificateChain();
  const leaf = new X509Certificate(chain[0] as Uint8Array);
  const trust = signing.trustList?.() ?? { ...emptyTrustList, anchors: signing.trustedCas() };
  const { status } = buildChain(leaf, chain, trust, at);
  if (status === "trusted" || (status === "demo" && trust.demoMode)) return null;
  return resultErrors.signerUntrusted(leaf.subject.replaceAll("\n", ", "), status);
}

/** "ngày 08 tháng 12 năm 2026", as Decree 30/2020 writes the date of a document. */
function vnLongDate(local: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `ngày ${two(local.getUTCDate())} tháng ${two(local.getUTCMonth() + 1)} năm ${local.getUTCFullYear()}`;
}
