import { err, ok, type Result } from "../../kernel/common/result.ts";
import { requestJson } from "../http-json.client.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import type { Citizen } from "./population.types.ts";

export interface PopulationConfig {
  baseUrl: string;
  apiKey: string;
  /** Mã dịch vụ of the calling system, sent with every lookup. */
  serviceCode: string;
  timeoutMs: number;
}

interface CongDan {
  SoDinhDanh: string;
  SoCMND?: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  GioiTinh: string;
  NgayThangNamSinh: string;
  ThuongTru?: { MaTinhThanh?: string; MaPhuongXa?: string; ChiTiet?: string };
}

/** The population database's lookup (DOMAIN.md §6a): by identity number, name and birth date. */
export async function lookupCitizen(
  c: PopulationConfig,
  q: { idNumber: string; name?: string; birthDate?: string; officialCode: string },
): Promise<Result<Citizen | null, DeliveryFailure>> {
  const r = await requestJson("POST", `${c.baseUrl}/api/congdan/tracuu`, {
    body: {
      SoDinhDanh: q.idNumber.length === 12 ? q.idNumber : "",
      SoCMND: q.idNumber.length === 9 ? q.idNumber : "",
      HoVaTen: q.name ?? "",
      NgayThangNam: q.birthDate?.replaceAll("-", "") ?? "",
      MaDichVu: c.serviceCode,
      MaCanBo: q.officialCode,
    },
    headers: { "x-api-key": c.apiKey },
    timeoutMs: c.timeoutMs,
  });
  if (!r.ok) return r;
  const body = r.value.body as { error_code?: number | string; CongDan?: CongDan | null } | null;
  if (r.value.status === 404 || (body && String(body.error_code) === "404")) return ok(null);
  if (r.value.status !== 200 || !body || String(body.error_code) !== "0" || !body.CongDan) {
    return err({
      reason: `http-${r.value.status}`,
      detail: JSON.stringify(body).slice(0, 200),
      retryable: true,
    });
  }
  const d = body.CongDan;
  const dob = d.NgayThangNamSinh;
  return ok({
    idNumber: d.SoDinhDanh,
    oldIdNumber: d.SoCMND ?? "",
    name: [d.HoVaTen.Ho, d.HoVaTen.ChuDem, d.HoVaTen.Ten].filter(Boolean).join(" "),
    sex: d.GioiTinh === "2" ? "female" : "male",
    birthDate: `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`,
    permanentAddress: {
      provinceCode: d.ThuongTru?.MaTinhThanh ?? "",
      communeCode: d.ThuongTru?.MaPhuongXa ?? "",
      detail: d.ThuongTru?.ChiTiet ?? "",
    },
  });
}
