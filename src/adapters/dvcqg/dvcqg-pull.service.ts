import { randomInt } from "node:crypto";
import type { DossierDeployment as Deployment } from "../../casework/dossiers/dossier.settings.ts";
import type { Applicant } from "../../casework/dossiers/dossier.types.ts";
import { openDossier } from "../../casework/dossiers/journal.repository.ts";
import { pinHash } from "../../casework/dossiers/reception.service.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import { currentProcess } from "../../reference/processes/processes.service.ts";
import { fetchBytes } from "../http-json.client.ts";
import type { DvcqgClient } from "./dvcqg.client.ts";
import { parsePortalTime } from "./dvcqg.messages.ts";

export interface PullReport {
  received: number;
  alreadyHere: number;
  skipped: { code: string; why: string }[];
}

type Portal = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

/**
 * Dossiers citizens filed online on DVCQG arrive here as channel 2, status 1 (submitted), in the
 * receiving desk's check queue, with their attachments copied into the file store. The portal's
 * code stays the dossier's code: one dossier, one identity, nothing re-keyed.
 */
export async function pullOnlineDossiers(
  db: Db,
  deployment: Deployment,
  client: DvcqgClient,
  files: FileStore,
  now: Date,
): Promise<PullReport> {
  const report: PullReport = { received: 0, alreadyHere: 0, skipped: [] };
  const listed = await client.list("LayHoSoMoi", "");
  if (!listed.ok) throw new Error(`LayHoSoMoi: ${listed.error.reason} ${listed.error.detail}`);
  const agencies = new Set(deployment.agencies.map((a) => a.code));
  const centre = deployment.agencies.find((a) => a.kind === "service-centre")?.code ?? "";
  for (const h of listed.value) {
    const code = text(h.MaHoSo);
    const here = await db
      .selectFrom("dossier")
      .select("id")
      .where("portal_ref", "=", code)
      .executeTakeFirst();
    if (here) {
      report.alreadyHere++;
      await client.call("XacNhanDaNhan", { MaHoSo: code });
      continue;
    }
    const procedure = await db
      .selectFrom("procedure")
      .select(["name"])
      .where("code", "=", text(h.MaTTHC))
      .executeTakeFirst();
    if (!procedure) {
      report.skipped.push({ code, why: `thủ tục ${text(h.MaTTHC)} không có trong danh mục` });
      continue;
    }
    const agencyCode = agencies.has(text(h.DonViXuLy))
      ? text(h.DonViXuLy)
      : ((
          await db
            .selectFrom("agency")
            .select("code")
            .where("code", "=", text(h.DonViXuLy))
            .executeTakeFirst()
        )?.code ?? centre);
    const process = await currentProcess(db, text(h.MaTTHC), 2);
    if (!process.ok) {
      report.skipped.push({ code, why: process.error.message });
      continue;
    }
    const organisation = text(h.LoaiDoiTuong) === "2";
    const applicant: Applicant = organisation
      ? {
          kind: "organisation",
          name: text(h.ChuHoSo),
          idNumber: text(h.SoGiayToChuHoSo),
          representative: "",
          phone: text(h.SoDienThoai),
          email: text(h.Email),
          address: text(h.DiaChi),
        }
      : {
          kind: "individual",
          name: text(h.ChuHoSo),
          idNumber: text(h.SoGiayToChuHoSo),
          phone: text(h.SoDienThoai),
          email: text(h.Email),
          address: text(h.DiaChi),
        };
    const attachments = Array.isArray(h.TaiLieuNop) ? (h.TaiLieuNop as Portal[]) : [];
    const submittedAt = parsePortalTime(text(h.NgayNopHoSo)) ?? now;
    // Every attachment first: a dossier arrives whole or waits for the next pull.
    const fetched: { a: Portal; bytes: Buffer; mime: string }[] = [];
    for (const a of attachments) {
      const got = await fetchBytes(text(a.DuongDanTaiTepTin), {
        timeoutMs: 20_000,
        maxBytes: 20 * 1024 * 1024,
      });
      if (!got.ok) break;
      fetched.push({ a, bytes: got.value.bytes, mime: got.value.mime });
    }
    if (fetched.length < attachments.length) {
      report.skipped.push({ code, why: "chưa tải được đủ tệp đính kèm; thử lại lần sau" });
      continue;
    }
    const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await db.transaction().execute(async (tx) => {
      const dossierId = await openDossier(
        tx,
        {
          code,
          pin_hash: pinHash(code, pin),
          procedure_code: text(h.MaTTHC),
          procedure_name: procedure.name,
          process_version: process.value.version,
          channel: 2,
          applicant: JSON.stringify(applicant),
          submission: JSON.stringify({
            by: "applicant",
            vneidVerified: text(h.TaiKhoanDuocXacThucVoiVNeID) === "1",
            agencyNetwork: false,
          }),
          components: JSON.stringify(
            attachments.map((a) => ({
              name: text(a.TenThanhPhan) || text(a.TenTepDinhKem),
              form: "scan",
              originals: 0,
              copies: 0,
            })),
          ),
          receiving_agency: agencyCode,
          handling_agency: agencyCode,
          status: "submitted",
          dvcqg_status: deployment.dvcqgMapping.submitted ?? 1,
          step_index: null,
          step_role: "desk",
          step_agency: agencyCode,
          step_started_at: now,
          received_at: submittedAt,
          origin: "portal",
          portal_ref: code,
        },
        {
          type: "submit",
          actor: { id: null, agencyCode },
          at: now,
          note: "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia",
          payload: { channel: 2, portalSubmittedAt: text(h.NgayNopHoSo) },
        },
      );
      for (const f of fetched) {
        await saveFile(
          tx,
          files,
          {
            dossierId,
            component: text(f.a.MaThanhPhanHoSo),
            kind: "submitted",
            name: text(f.a.TenTepDinhKem),
            mime: f.mime,
            source: "dvcqg",
          },
          f.bytes,
        );
      }
    });
    await client.call("XacNhanDaNhan", { MaHoSo: code });
    report.received++;
  }
  return report;
}
