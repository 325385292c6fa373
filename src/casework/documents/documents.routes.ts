import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { signedFilePath } from "../../kernel/files/signed-url.ts";
import { checkedDossierOf, officialOf } from "../../kernel/http/auth-guard.ts";
import { guardedErrorResponses, sendError } from "../../kernel/http/errors.ts";
import { httpErrors } from "../../kernel/http/http.errors.ts";
import { COMPONENT_NAME_MAX } from "../dossiers/dossier.types.ts";
import { certifyCopy } from "./certify.service.ts";
import { verifyErrors } from "./documents.errors.ts";
import { documentsOf, verifyStored, verifyUpload } from "./documents.service.ts";
import { filesOf } from "./files-list.service.ts";
import type { FetchNationalDocuments } from "./national-documents.ts";
import { closePdfChecks } from "./pdf-check-pool.worker.ts";
import { quarantine } from "./quarantine.store.ts";
import { DEFAULT_UPLOAD_LIMITS, uploadFile, uploadInterrupted } from "./upload.service.ts";
import { verifyPage } from "./verify-page.ts";
import { verificationReportSchema, verificationSchema } from "./verify-report.schemas.ts";

const errors = guardedErrorResponses;
const RAW_TYPES = ["application/octet-stream", "application/pdf", "image/jpeg", "image/png", "image/tiff"];
const LINK_SECONDS = 3600;
const noFileStore = verifyErrors.noFileStore;
// A PDF sent to be verified is read whole (its signature covers byte ranges): at most this much.
const BODY_LIMIT = 2 * DEFAULT_UPLOAD_LIMITS.maxFileBytes;
const tooLarge = httpErrors.tooLarge;

const verifiedDocumentSchema = z
  .object({
    title: z.string(),
    documentNumber: z.string(),
    resultCode: z.string(),
    issuer: z.string(),
    owner: z.string().describe("The owner's id, masked: the answer is public"),
    issuedAt: z.string().nullable(),
    kind: z.string(),
    hashMatches: z.boolean().describe("The stored file still hashes to what was recorded at signing"),
    signature: verificationSchema,
    report: verificationReportSchema,
  })
  .meta({ id: "VerifiedDocument", description: "Văn bản điện tử tra theo mã QR và kết quả kiểm tra chữ ký" });

const uploadVerificationSchema = z
  .object({
    signature: verificationSchema,
    report: verificationReportSchema,
    issuedByThisSystem: z
      .object({
        title: z.string(),
        documentNumber: z.string(),
        issuer: z.string(),
        verifyId: z.string(),
      })
      .nullable()
      .describe("The result motcua issued with exactly these bytes, if any"),
  })
  .meta({ id: "UploadVerification", description: "Kết quả kiểm tra một tệp PDF đã ký được tải lên" });

/** GET /verify/{id}: the human page behind the QR code printed on each result. */
export const verifyPageRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/verify/:id",
      { schema: { hide: true, params: z.object({ id: z.string().max(64) }) } },
      async (req, reply) => {
        const i = ctx.integrations;
        const valid = z.string().uuid().safeParse(req.params.id).success;
        const r = i && valid ? await verifyStored(ctx.db, i.files, i.signing, req.params.id) : null;
        return reply
          .status(r?.ok ? 200 : 404)
          .type("text/html; charset=utf-8")
          .send(verifyPage(r?.ok ? r.value : null));
      },
    );
  };

/** Uploads, digitisation, the data store and public verification of signed documents. */
export const documentsRoutes =
  (ctx: AppContext, nationalDocuments: FetchNationalDocuments): FastifyPluginAsyncZod =>
  async (app) => {
    // Files come as the request body (the browser sends the File itself); the type is read from
    // the bytes, never from this header. The body is left unread here: the handler streams it to
    // quarantine, so no upload is ever a buffer in memory (nor walked by a generic body hook).
    app.addContentTypeParser(RAW_TYPES, (_req, _payload, done) => done(null));
    app.addHook("onClose", closePdfChecks);
    const store = () => ctx.integrations ?? null;

    app.post(
      "/dossiers/:code/files",
      {
        schema: {
          tags: ["documents"],
          summary: "Upload a file to a dossier (checked by its bytes; quarantined until it passes)",
          consumes: RAW_TYPES,
          params: z.object({ code: z.string().min(1).max(64) }),
          querystring: z.object({
            name: z.string().trim().min(1).max(200).describe("File name, e.g. to-khai.pdf"),
            component: z
              .string()
              .trim()
              .max(COMPONENT_NAME_MAX)
              .default("")
              .describe("The component it belongs to"),
          }),
          response: {
            201: z.object({ fileId: z.string(), kind: z.string(), size: z.number(), sha256: z.string() }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const i = store();
        if (!i) return sendError(reply, noFileStore());
        const length = req.headers["content-length"];
        const r = await uploadFile(
          { db: ctx.db, files: i.files, limits: DEFAULT_UPLOAD_LIMITS, scan: i.virusScan },
          req.params.code,
          officialOf(req),
          {
            name: req.query.name,
            component: req.query.component,
            body: req.raw,
            declaredSize: length ? Number(length) : null,
          },
          checkedDossierOf(req, req.params.code),
        );
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.get(
      "/dossiers/:code/files",
      {
        schema: {
          tags: ["documents"],
          summary: "A dossier's files, with signed download links valid for an hour",
          params: z.object({ code: z.string().min(1).max(64) }),
          response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }), ...errors },
        },
      },
      async (req, reply) => {
        const i = store();
        const r = await filesOf(
          ctx.db,
          req.params.code,
          officialOf(req),
          checkedDossierOf(req, req.params.code),
        );
        if (!r.ok) return sendError(reply, r.error);
        const exp = Math.floor(ctx.now().getTime() / 1000) + LINK_SECONDS;
        return {
          items: r.value.map((f) => ({
            ...f,
            url: i ? `${i.publicUrl}${signedFilePath(i.fileUrlSecret, f.id, exp)}` : null,
          })),
        };
      },
    );

    app.post(
      "/dossiers/:code/files/:fileId/certify",
      {
        schema: {
          tags: ["documents"],
          summary: "Certify a scanned original as a signed electronic copy (bản sao điện tử), kept for reuse",
          params: z.object({ code: z.string().min(1).max(64), fileId: z.string().regex(/^\d+$/) }),
          body: z.object({
            title: z.string().trim().min(2).max(300).describe("What the original is, e.g. Giấy khai sinh"),
            resultCode: z
              .string()
              .trim()
              .max(40)
              .default("")
              .describe("MaKetQua it can stand in for, when known"),
          }),
          response: {
            201: z.object({ documentId: z.string(), publicId: z.string(), fileId: z.string() }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const i = store();
        if (!i) return sendError(reply, noFileStore());
        const r = await certifyCopy(
          ctx.db,
          { files: i.files, signing: i.signing, publicUrl: i.publicUrl },
          req.params.code,
          officialOf(req),
          { fileId: req.params.fileId, ...req.body },
          ctx.now(),
          checkedDossierOf(req, req.params.code),
        );
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.get(
      "/citizens/:owner/documents",
      {
        schema: {
          tags: ["documents"],
          summary: "Kho dữ liệu: what an applicant already has on file (reuse instead of asking again)",
          params: z.object({
            owner: z
              .string()
              .regex(/^(\d{9}|\d{12}|\d{10}(-\d{3})?)$/, "số định danh hoặc mã số doanh nghiệp"),
          }),
          querystring: z.object({
            national: z
              .enum(["true", "false"])
              .default("false")
              .describe("Also ask the national data store (Kho DVCQG)"),
            procedure: z.string().optional().describe("The procedure being received (MaThuTuc)"),
          }),
          response: {
            200: z.object({
              items: z.array(z.record(z.string(), z.unknown())),
              national: z.string().nullable(),
            }),
            ...errors,
          },
        },
      },
      async (req, _reply) => {
        const o = officialOf(req);
        // The national store being away never blocks the desk: the local documents still show.
        const national =
          req.query.national === "true"
            ? await nationalDocuments({
                owner: req.params.owner,
                officialId: String(o.id),
                officialName: o.fullName,
                ...(req.query.procedure ? { procedureCode: req.query.procedure } : {}),
              })
            : null;
        return { items: await documentsOf(ctx.db, req.params.owner), national };
      },
    );

    app.get(
      "/verify/:id",
      {
        schema: {
          tags: ["public"],
          summary: "Verify an electronic result by the id in its QR code: metadata, signature, hash",
          params: z.object({ id: z.string().uuid("mã kiểm tra không hợp lệ") }),
          response: { 200: verifiedDocumentSchema, ...errors },
        },
      },
      async (req, reply) => {
        const i = store();
        if (!i) return sendError(reply, noFileStore());
        const r = await verifyStored(ctx.db, i.files, i.signing, req.params.id);
        return r.ok ? { ...r.value } : sendError(reply, r.error);
      },
    );

    app.post(
      "/verify",
      {
        schema: {
          tags: ["public"],
          summary: "Verify a signed PDF someone holds: each signature's signer, time, chain and revocation",
          description:
            "Gửi tệp PDF làm nội dung yêu cầu (Content-Type: application/pdf), không dùng multipart / send the PDF itself as the body, not a multipart form",
          consumes: ["application/pdf", "application/octet-stream"],
          response: { 200: uploadVerificationSchema, ...errors },
        },
      },
      async (req, reply) => {
        const q = await quarantine(req.raw, BODY_LIMIT);
        if (!q.ok) return sendError(reply, q.reason === "too-large" ? tooLarge() : uploadInterrupted());
        const bytes = await q.file.readAll().finally(q.file.release);
        if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") {
          return sendError(reply, verifyErrors.notPdf());
        }
        return verifyUpload(ctx.db, ctx.integrations?.signing ?? null, bytes);
      },
    );
  };
