import { createHash } from "node:crypto";
import type { Applicant, Submission, SubmittedComponent } from "../../casework/dossiers/dossier.types.ts";
import { MS_PER_MINUTE, VIETNAM_UTC_OFFSET_MINUTES } from "../../reference/calendar/local-time.ts";

// Shapes spoken to the National Public Service Portal (DVCQG), DOMAIN.md §6a. Pure: no I/O.

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh, as the portal writes every date. */
export function portalTime(instant: Date | null): string {
  if (!instant) return "";
  const t = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE).toISOString();
  return t.slice(0, 19).replace(/[-T:]/g, "");
}

/** Inverse of portalTime; null when it is not a valid portal timestamp. */
export function parsePortalTime(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface DossierFacts {
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldName: string;
  channel: number;
  applicant: Applicant;
  submission: Submission;
  components: SubmittedComponent[];
  handlingAgency: string;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  deliveryState: string;
  files: { id: string; name: string; component: string; kind: string; url: string }[];
}

/** The journal entry being told: the dossier's state after it. */
export interface JournalFacts {
  seq: number;
  type: string;
  at: Date;
  note: string;
  dvcqgStatus: number;
  actorName: string;
  actorTitle: string;
  actorAgencyName: string;
  stepStartedAt: Date | null;
  stepDueAt: Date | null;
}

/** Portal applicant types (LoaiDoiTuong): 1 citizen, 2 enterprise; configurable per endpoint. */
export const APPLICANT_TYPE = { individual: "1", organisation: "2" } as const;

const RETURN_METHOD: Record<string, string> = {
  "delivered-desk": "1",
  "delivered-post": "2",
  "delivered-online": "3",
};

/** HoSo for DongBoHoSoMC (create when isUpdating is "False", update when "True"). */
export function dossierMessage(d: DossierFacts, j: JournalFacts) {
  const a = d.applicant;
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName.slice(0, 1000),
    TenLinhVuc: d.fieldName,
    KenhThucHien: String(d.channel),
    SoBienNhan: d.code,
    ChuHoSo: a.name,
    LoaiDoiTuong: APPLICANT_TYPE[a.kind],
    SoGiayToChuHoSo: a.idNumber,
    DinhDanhCHS: [{ LoaiDinhDanh: a.kind === "individual" ? "1" : "2", SoDinhDanh: a.idNumber }],
    Email: a.email,
    SoDienThoai: a.phone,
    TrichYeuHoSo: `${d.procedureName} — ${a.name}`.slice(0, 1000),
    NgayNopHoSo: portalTime(d.receivedAt),
    NgayTiepNhan: portalTime(d.receivedAt),
    NgayHenTra: portalTime(d.dueAt),
    TrangThaiHoSo: String(j.dvcqgStatus),
    NgayKetThucXuLy: portalTime(d.finishedAt),
    NgayTra: portalTime(d.returnedAt),
    HinhThuc: RETURN_METHOD[d.deliveryState] ?? "",
    DonViXuLy: d.handlingAgency,
    TaiKhoanDuocXacThucVoiVNeID: d.submission.vneidVerified ? "1" : "0",
    HoSoCoThanhPhanSoHoa: d.components.some((c) => c.digitised) ? "1" : "0",
    // Per submitted file, the facts of its component (số hóa, tái sử dụng, lấy từ kho).
    TaiLieuNop: [
      ...d.files
        .filter((f) => f.kind === "submitted")
        .map((f) => {
          const c = d.components.find((x) => x.name === f.component || x.fileIds?.includes(f.id));
          return {
            TepDinhKemId: f.id,
            TenTepDinhKem: f.name,
            IsDeleted: "False",
            MaThanhPhanHoSo: f.component,
            DuongDanTaiTepTin: f.url,
            DuocSoHoa: c?.digitised ? "1" : "0",
            DuocTaiSuDung: "0",
            DuocLayTuKhoDMQG: "0",
            MaKetQuaThayThe: "",
          };
        }),
      // A reused component has no upload: its document on file stands in for it.
      ...d.components
        .filter((c) => c.reused)
        .map((c) => ({
          TepDinhKemId: c.fileIds?.[0] ?? "",
          TenTepDinhKem: c.name,
          IsDeleted: "False",
          MaThanhPhanHoSo: c.name,
          DuongDanTaiTepTin: "",
          DuocSoHoa: "0",
          DuocTaiSuDung: "1",
          DuocLayTuKhoDMQG: c.fromNationalStore ? "1" : "0",
          MaKetQuaThayThe: c.replacedResultCode ?? "",
        })),
    ],
    DanhSachGiayToKetQua: d.files
      .filter((f) => f.kind === "result")
      .map((f) => ({
        TenGiayTo: f.name,
        GiayToId: f.id,
        DuongDanTepTinKetQua: f.url,
        MaGiayToKetQua: f.component,
      })),
    GhiChu: "",
  };
}

export type DossierMessage = ReturnType<typeof dossierMessage>;

/**
 * What the portal shows of a dossier record, as a hash: the record is pushed whenever it differs
 * from the one the portal last accepted. File links are left out: they are signed with an expiry,
 * so they change on every build without anything the portal shows having changed.
 */
export function recordFingerprint(m: DossierMessage): string {
  const json = JSON.stringify(m, (key, value) => (key.startsWith("DuongDan") ? undefined : value));
  return createHash("sha256").update(json).digest("hex");
}

/**
 * A progress entry for CapNhatTienDoHoSoMC. IdTienDo (dossier code # journal seq) is motcua's
 * extension: it lets the receiver drop a redelivered entry; portals that do not know it ignore it.
 */
export function progressMessage(code: string, j: JournalFacts, actionLabel: string) {
  return {
    IdTienDo: `${code}#${j.seq}`,
    MaHoSo: code,
    NguoiXuLy: (j.actorName || "Hệ thống một cửa").slice(0, 50),
    ChucDanh: j.actorTitle,
    ThoiDiemXuLy: portalTime(j.at),
    PhongBanXuLy: j.actorAgencyName,
    NoiDungXuLy: [actionLabel, j.note].filter(Boolean).join(": ").slice(0, 2000),
    TrangThai: String(j.dvcqgStatus),
    NgayBatDau: portalTime(j.stepStartedAt ?? j.at),
    NgayKetThucTheoQuyDinh: portalTime(j.stepDueAt),
  };
}

export type ProgressMessage = ReturnType<typeof progressMessage>;

/** A portal answer: success is error_code 0 or "00"; "already exists" must become an update. */
export interface PortalAnswer {
  error_code: number | string;
  message?: string;
  [k: string]: unknown;
}

export type PortalVerdict = "ok" | "already-exists" | "not-found" | "session-expired" | "rejected";

export function verdictOf(a: PortalAnswer): PortalVerdict {
  const code = String(a.error_code);
  if (code === "0" || code === "00") return "ok";
  const msg = (a.message ?? "").toLowerCase();
  if (code === "401" || /phiên|session/.test(msg)) return "session-expired";
  if (/đã tồn tại|already exists/.test(msg)) return "already-exists";
  if (/không tồn tại|không tìm thấy|not found/.test(msg)) return "not-found";
  return "rejected";
}
