import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { syntheticPersonById } from "../demo/people.ts";
import { type Faults, installFaults } from "./faults.ts";
import { textPdf } from "./text-pdf.ts";

/** What the national data store holds for a synthetic person: their birth registration extract. */
function nationalStore(owner: string) {
  const p = syntheticPersonById(owner);
  if (!p) return [];
  return [
    {
      MaKetQua: "KQ.G15.000001",
      TenGiayTo: "Trích lục khai sinh",
      SoKyHieu: `${p.birthDate.slice(0, 4)}/TLKS-${owner.slice(-6)}`,
    },
  ];
}

// Stand-in for the National Public Service Portal (DVCQG): the shapes of DOMAIN.md §6a, held in
// memory. Not a copy of the portal's behaviour beyond what motcua relies on; see docs/standins.md.

type Record_ = Record<string, unknown>;

export interface DvcqgStandinState {
  dossiers: Map<string, Record_>;
  /** Progress entries per dossier, in arrival order, without redelivered duplicates. */
  progress: Map<string, Record_[]>;
  stats: { creates: number; updates: number; progress: number; duplicatesDropped: number };
  /** Dossiers citizens filed online, waiting for the province to pull them. */
  online: Record_[];
  files: Map<string, { name: string; mime: string; bytes: Buffer }>;
}

export interface DvcqgStandinOptions {
  username: string;
  password: string;
  faults: Faults;
  /** Sessions expire after this long (the adapter must log in again). */
  sessionTtlMs?: number;
  publicUrl?: string;
}

export function createDvcqgStandin(o: DvcqgStandinOptions): {
  app: FastifyInstance;
  state: DvcqgStandinState;
} {
  const app = Fastify({ logger: false, bodyLimit: 20 * 1024 * 1024 });
  const faults = installFaults(app, o.faults);
  const sessions = new Map<string, number>();
  const state: DvcqgStandinState = {
    dossiers: new Map(),
    progress: new Map(),
    stats: { creates: 0, updates: 0, progress: 0, duplicatesDropped: 0 },
    online: [],
    files: new Map(),
  };
  const ttl = o.sessionTtlMs ?? 30 * 60_000;

  app.post("/api/login", async (req) => {
    const b = (req.body ?? {}) as { username?: string; password?: string };
    if (b.username !== o.username || b.password !== o.password) {
      return { error_code: 1, message: "Sai tên đăng nhập hoặc mật khẩu" };
    }
    const session = randomUUID();
    sessions.set(session, Date.now() + ttl);
    return { error_code: 0, session };
  });

  app.post("/api/service", async (req) => {
    const b = (req.body ?? {}) as Record_ & { session?: string; service?: string; data?: Record_[] };
    const until = sessions.get(String(b.session));
    if (!until || until < Date.now()) return { error_code: 401, message: "Phiên làm việc hết hạn" };
    switch (b.service) {
      // Both push services take a list (data: [...]) and answer per item; the top-level code is the
      // first failing item's, so a one-item call reads like the portal's classic answer.
      case "DongBoHoSoMC":
        return perItem((b.data ?? []).map((hs) => pushDossier(hs, b.isUpdating === "True")));
      case "CapNhatTienDoHoSoMC":
        return perItem((b.data ?? []).map((td) => pushProgress(td)));
      case "TraCuuHoSo": {
        const hs = state.dossiers.get(String(b.MaHoSo));
        if (!hs) return { error_code: 3, message: "Hồ sơ không tồn tại" };
        return {
          error_code: 0,
          result: { ...hs, SoTienDo: state.progress.get(String(b.MaHoSo))?.length ?? 0 },
        };
      }
      case "DanhSachHoSo":
        return {
          error_code: 0,
          result: [...state.dossiers.values()].map((h) => ({
            MaHoSo: h.MaHoSo,
            TrangThaiHoSo: h.TrangThaiHoSo,
            NgayHenTra: h.NgayHenTra,
            SoTienDo: state.progress.get(String(h.MaHoSo))?.length ?? 0,
          })),
        };
      case "LayHoSoMoi":
        return { error_code: 0, result: state.online.filter((h) => !h.DaDongBo) };
      // Kho DVCQG: results issued elsewhere to a citizen (each synthetic person has a birth extract).
      case "GetKetQuaGiayTo": {
        const owner = String(b.SoDinhDanhChuSoHuu ?? "");
        const wanted =
          (b.DanhSachDanhMucKetQua as { MaKetQua?: string }[] | undefined)?.map((k) => k.MaKetQua) ?? [];
        if (!b.SoDinhDanhNguoiYeuCau) return { error_code: 2, message: "Thiếu người yêu cầu" };
        const held = nationalStore(owner).filter((g) => wanted.length === 0 || wanted.includes(g.MaKetQua));
        return {
          error_code: 0,
          DanhSachGiayToKetQua: held.map((g) => ({
            ...g,
            DanhSachTepDinhKem: [
              {
                TenTep: `${g.SoKyHieu}.pdf`,
                DuongDan: `http://${req.host}/kho/${owner}/${encodeURIComponent(g.SoKyHieu)}.pdf`,
              },
            ],
          })),
        };
      }
      case "XacNhanDaNhan": {
        for (const h of state.online) if (h.MaHoSo === b.MaHoSo) h.DaDongBo = true;
        return { error_code: 0 };
      }
      default:
        return { error_code: 9, message: `Dịch vụ không hỗ trợ: ${b.service}` };
    }
  });

  type Item = { MaHoSo: string; error_code: number; message: string };
  function perItem(items: Item[]) {
    const bad = items.find((r) => r.error_code !== 0);
    return { error_code: bad?.error_code ?? 0, message: bad?.message ?? "Thành công", result: items };
  }
  function pushDossier(hs: Record_, updating: boolean): Item {
    const code = String(hs?.MaHoSo ?? "");
    if (!code) return { MaHoSo: code, error_code: 2, message: "Thiếu MaHoSo" };
    const known = state.dossiers.has(code);
    if (updating) {
      if (!known) return { MaHoSo: code, error_code: 3, message: "Hồ sơ không tồn tại" };
      state.dossiers.set(code, { ...state.dossiers.get(code), ...hs });
      state.stats.updates++;
      return { MaHoSo: code, error_code: 0, message: "Cập nhật thành công" };
    }
    if (known) return { MaHoSo: code, error_code: 4, message: "Hồ sơ đã tồn tại" };
    state.dossiers.set(code, { ...hs });
    state.stats.creates++;
    if (Math.random() < faults.faults.duplicateRate)
      return { MaHoSo: code, error_code: 4, message: "Hồ sơ đã tồn tại" };
    return { MaHoSo: code, error_code: 0, message: "Thêm mới thành công" };
  }
  function pushProgress(td: Record_): Item {
    const code = String(td?.MaHoSo ?? "");
    if (!state.dossiers.has(code)) return { MaHoSo: code, error_code: 3, message: "Hồ sơ không tồn tại" };
    const list = state.progress.get(code) ?? [];
    if (td?.IdTienDo && list.some((e) => e.IdTienDo === td.IdTienDo)) {
      state.stats.duplicatesDropped++;
      return { MaHoSo: code, error_code: 0, message: "Đã có tiến độ này" };
    }
    list.push({ ...td });
    state.progress.set(code, list);
    state.stats.progress++;
    const hs = state.dossiers.get(code);
    if (hs && td?.TrangThai) hs.TrangThaiHoSo = td.TrangThai;
    return { MaHoSo: code, error_code: 0, message: "Cập nhật tiến độ thành công" };
  }

  app.get("/kho/:owner/:name", async (req, reply) => {
    const { owner, name } = req.params as { owner: string; name: string };
    const g = nationalStore(owner).find((x) => `${x.SoKyHieu}.pdf` === decodeURIComponent(name));
    if (!g) return reply.status(404).send({ error_code: 404, message: "Không có tệp" });
    return reply
      .type("application/pdf")
      .send(
        await textPdf([`${g.TenGiayTo} (bản mô phỏng — stand-in)`, `Số: ${g.SoKyHieu}`, `Cấp cho: ${owner}`]),
      );
  });

  app.get("/files/:id", async (req, reply) => {
    const f = state.files.get((req.params as { id: string }).id);
    if (!f) return reply.status(404).send({ error_code: 404, message: "Không có tệp" });
    return reply.type(f.mime).send(f.bytes);
  });

  // A citizen files online on the portal (the demo's and the tests' way to feed the pull).
  app.post("/__admin/online-dossiers", async (req) => {
    const b = req.body as Record_ & {
      files?: { name: string; mime: string; base64: string; component: string }[];
    };
    const attachments = (b.files ?? []).map((f) => {
      const id = randomUUID();
      state.files.set(id, { name: f.name, mime: f.mime, bytes: Buffer.from(f.base64, "base64") });
      return {
        TepDinhKemId: id,
        TenTepDinhKem: f.name,
        MaThanhPhanHoSo: f.component,
        DuongDanTaiTepTin: `${o.publicUrl ?? `http://${req.host}`}/files/${id}`,
      };
    });
    const { files: _files, ...rest } = b;
    const hs: Record_ = { ...rest, TaiLieuNop: attachments, TrangThaiHoSo: "1" };
    state.online.push(hs);
    state.dossiers.set(String(hs.MaHoSo), hs);
    return { error_code: 0, MaHoSo: hs.MaHoSo };
  });
  app.get("/__admin/dossiers/:code", async (req) => {
    const code = (req.params as { code: string }).code;
    return { dossier: state.dossiers.get(code) ?? null, progress: state.progress.get(code) ?? [] };
  });
  app.get("/__admin/stats", async () => ({ ...state.stats, dossiers: state.dossiers.size }));
  return { app, state };
}
