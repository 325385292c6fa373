import Fastify, { type FastifyInstance } from "fastify";
import { checksumValid, INIT_FIELDS, STATUS_FIELDS } from "../../adapters/payment/paygov-checksum.ts";
import { type Faults, installFaults } from "./faults.ts";
import { textPdf } from "./text-pdf.ts";

interface Txn {
  reference: string;
  amount: string;
  state: "00" | "01" | "02";
  txn: string;
  returnUrl: string;
  receipt: string;
}

/** Stand-in for the national payment platform (PayGov): INIT, a pay page, status query, e-receipt. */
export function createPayGovStandin(o: {
  partnerCode: string;
  secret: string;
  returnUrl: string;
  faults: Faults;
}): {
  app: FastifyInstance;
  pay(reference: string): boolean;
} {
  const app = Fastify({ logger: false });
  installFaults(app, o.faults);
  const txns = new Map<string, Txn>();
  const pay = (reference: string) => {
    const t = txns.get(reference);
    if (t?.state !== "01") return false;
    t.state = "00";
    t.txn = `PG${Date.now()}${Math.floor(Math.random() * 1000)}`;
    return true;
  };
  app.post("/api/thanhtoan/init", async (req) => {
    const m = (req.body ?? {}) as Record<string, string>;
    if (m.MaDoiTac !== o.partnerCode || !checksumValid(INIT_FIELDS, m, o.secret)) {
      return { MaLoi: "07", MoTaLoi: "Sai mã xác thực" };
    }
    const ref = String(m.MaThamChieu);
    if (!txns.has(ref)) {
      txns.set(ref, {
        reference: ref,
        amount: String(m.SoTien),
        state: "01",
        txn: "",
        returnUrl: o.returnUrl,
        receipt: String(m.ThongTinBienLai ?? ""),
      });
    }
    return { MaLoi: "00", UrlThanhToan: `http://${req.host}/pay/${encodeURIComponent(ref)}` };
  });
  app.get("/pay/:ref", async (req, reply) => {
    const t = txns.get((req.params as { ref: string }).ref);
    if (!t) return reply.status(404).type("text/html").send("<p>Không có giao dịch</p>");
    return reply
      .type("text/html; charset=utf-8")
      .send(
        `<!doctype html><html lang="vi"><meta charset="utf-8"><title>PayGov (mô phỏng)</title><h1>Thanh toán (môi trường mô phỏng)</h1><p>Mã tham chiếu: ${t.reference}</p><p>Số tiền: ${Number(t.amount).toLocaleString("vi-VN")} đ</p><form method="post"><button>Thanh toán</button></form>`,
      );
  });
  app.post("/pay/:ref", async (req, reply) => {
    const ref = (req.params as { ref: string }).ref;
    pay(ref);
    const t = txns.get(ref);
    return reply.redirect(`${t?.returnUrl ?? o.returnUrl}?ref=${encodeURIComponent(ref)}`);
  });
  app.post("/api/thanhtoan/truyvan", async (req) => {
    const m = (req.body ?? {}) as Record<string, string>;
    if (m.MaDoiTac !== o.partnerCode || !checksumValid(STATUS_FIELDS, m, o.secret)) return { MaLoi: "07" };
    const t = txns.get(String(m.MaThamChieu));
    if (!t) return { MaLoi: "00", TrangThaiGD: "02" };
    return {
      MaLoi: "00",
      TrangThaiGD: t.state,
      MaGiaoDich: t.txn,
      UrlBienLai: t.state === "00" ? `http://${req.host}/bienlai/${encodeURIComponent(t.reference)}.pdf` : "",
    };
  });
  app.get("/bienlai/:name", async (req, reply) => {
    const t = txns.get((req.params as { name: string }).name.replace(/\.pdf$/, ""));
    if (t?.state !== "00") return reply.status(404).send({});
    const pdf = await textPdf([
      "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ (bản mô phỏng — stand-in)",
      `Mã tham chiếu: ${t.reference}`,
      `Mã giao dịch: ${t.txn}`,
      `Số tiền: ${Number(t.amount).toLocaleString("vi-VN")} đồng`,
    ]);
    return reply.type("application/pdf").send(pdf);
  });
  return { app, pay };
}
