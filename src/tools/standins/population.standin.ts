import Fastify, { type FastifyInstance } from "fastify";
import { syntheticPersonById } from "../demo/people.ts";
import { type Faults, installFaults } from "./faults.ts";

/** Stand-in for the population database (CSDLQG về dân cư), seeded with the synthetic people. */
export function createPopulationStandin(o: { apiKey: string; faults: Faults }): FastifyInstance {
  const app = Fastify({ logger: false });
  installFaults(app, o.faults);
  app.post("/api/congdan/tracuu", async (req, reply) => {
    if (req.headers["x-api-key"] !== o.apiKey)
      return reply.status(401).send({ error_code: 401, message: "Sai khóa" });
    const b = (req.body ?? {}) as { SoDinhDanh?: string; SoCMND?: string; MaCanBo?: string };
    if (!b.MaCanBo) return reply.status(400).send({ error_code: 400, message: "Thiếu mã cán bộ tra cứu" });
    const p = syntheticPersonById(b.SoDinhDanh ?? "");
    if (!p) return reply.status(404).send({ error_code: 404, message: "Không tìm thấy công dân" });
    return {
      error_code: 0,
      CongDan: {
        SoDinhDanh: p.idNumber,
        SoCMND: "",
        HoVaTen: { Ho: p.family, ChuDem: p.middle, Ten: p.given },
        GioiTinh: p.female ? "2" : "1",
        DanToc: "01",
        TonGiao: "00",
        NgayThangNamSinh: p.birthDate.replaceAll("-", ""),
        ThuongTru: { MaTinhThanh: "37", MaPhuongXa: p.communeCode, ChiTiet: p.addressDetail, QuocGia: "VN" },
        NoiOHienTai: {
          MaTinhThanh: "37",
          MaPhuongXa: p.communeCode,
          ChiTiet: p.addressDetail,
          QuocGia: "VN",
        },
        ThuDienTu: p.email,
      },
    };
  });
  return app;
}
