import Fastify, { type FastifyInstance } from "fastify";
import { SYNTHETIC_ENTERPRISES, syntheticEnterprise } from "../demo/people.ts";
import { type Faults, installFaults } from "./faults.ts";
import { textPdf } from "./text-pdf.ts";

/**
 * Stand-in for the national business registration system, seeded with the synthetic enterprises.
 * Results: the first time a dossier's result is asked for, the registry "issues" it (a stand-in's
 * shortcut for the registrar's work), with the enterprise code from the dossier's applicant.
 */
export function createRegistryStandin(o: { apiKey: string; faults: Faults }): FastifyInstance {
  const app = Fastify({ logger: false });
  installFaults(app, o.faults);
  const byCode = new Map(
    Array.from({ length: SYNTHETIC_ENTERPRISES }, (_, i) => syntheticEnterprise(i)).map((e) => [
      e.enterpriseCode,
      e,
    ]),
  );
  const issued = new Map<string, { code: string; number: string; at: string }>();
  app.addHook("onRequest", async (req, reply) => {
    if (
      !req.url.startsWith("/__admin") &&
      !req.url.startsWith("/files") &&
      req.headers["x-api-key"] !== o.apiKey
    ) {
      return reply.status(401).send({ message: "Sai khóa" });
    }
  });
  const business =
    (kind: "enterprise" | "household") =>
    async (req: { params: unknown }, reply: { status(n: number): { send(b: unknown): unknown } }) => {
      const e = byCode.get((req.params as { code: string }).code);
      if (!e || e.kind !== kind) return reply.status(404).send({ message: "Không tìm thấy" });
      return {
        MaSoDoanhNghiep: e.enterpriseCode,
        TenDoanhNghiep: e.name,
        LoaiHinh: kind === "enterprise" ? "Công ty" : "Hộ kinh doanh",
        DiaChiTruSo: e.address,
        MaPhuongXa: e.communeCode,
        NguoiDaiDien: e.representative,
        SoDinhDanhNguoiDaiDien: e.representativeIdNumber,
        DienThoai: e.phone,
        Email: e.email,
        VonDieuLe: e.charterCapital,
        NgayDangKyLanDau: e.registeredAt,
      };
    };
  app.get("/api/doanhnghiep/:code", business("enterprise"));
  app.get("/api/hokinhdoanh/:code", business("household"));
  app.get("/api/hoso/:dossier/ketqua", async (req) => {
    const dossier = (req.params as { dossier: string }).dossier;
    let r = issued.get(dossier);
    if (!r) {
      r = {
        code: `07${String(10_000_000 + issued.size).padStart(8, "0")}`,
        number: `GCN-${issued.size + 1}`,
        at: new Date().toISOString(),
      };
      issued.set(dossier, r);
    }
    return {
      MaSoDoanhNghiep: r.code,
      SoGiayChungNhan: r.number,
      NgayCap: r.at,
      DuongDanTep: `http://${req.host}/files/${encodeURIComponent(dossier)}.pdf`,
    };
  });
  app.get("/files/:name", async (req, reply) => {
    const dossier = (req.params as { name: string }).name.replace(/\.pdf$/, "");
    const r = issued.get(dossier);
    if (!r) return reply.status(404).send({ message: "Không có tệp" });
    const pdf = await textPdf([
      "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP (bản mô phỏng — stand-in, không có giá trị pháp lý)",
      `Mã số doanh nghiệp: ${r.code}`,
      `Số: ${r.number}`,
      `Hồ sơ: ${dossier}`,
    ]);
    return reply.type("application/pdf").send(pdf);
  });
  return app;
}
