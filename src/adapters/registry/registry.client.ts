import type { RegistryLookup } from "../../casework/dossiers/reception.service.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { requestJson } from "../http-json.client.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import { applicantFromRegistry, type RegisteredBusiness } from "./registry-fields.ts";

export interface RegistryConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/** The national business registry: its settings, and reception's RegistryLookup port. */
export class RegistryClient implements RegistryConfig, RegistryLookup {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;

  constructor(c: RegistryConfig) {
    this.baseUrl = c.baseUrl;
    this.apiKey = c.apiKey;
    this.timeoutMs = c.timeoutMs;
  }

  async applicantOf(kind: "enterprise" | "household", code: string, typed: Record<string, string>) {
    const found = await findBusiness(this, kind, code);
    if (!found.ok) return found;
    return ok(found.value && applicantFromRegistry(found.value, typed));
  }
}

export interface NationalResult {
  enterpriseCode: string;
  certificateNumber: string;
  issuedAt: string;
  fileUrl: string;
}

const get = (c: RegistryConfig, path: string) =>
  requestJson("GET", `${c.baseUrl}${path}`, { headers: { "x-api-key": c.apiKey }, timeoutMs: c.timeoutMs });

export async function findBusiness(
  c: RegistryConfig,
  kind: "enterprise" | "household",
  code: string,
): Promise<Result<RegisteredBusiness | null, DeliveryFailure>> {
  const r = await get(
    c,
    `/api/${kind === "enterprise" ? "doanhnghiep" : "hokinhdoanh"}/${encodeURIComponent(code)}`,
  );
  if (!r.ok) return r;
  if (r.value.status === 404) return ok(null);
  const b = r.value.body as Record<string, string> | null;
  if (r.value.status !== 200 || !b)
    return err({ reason: `http-${r.value.status}`, detail: "", retryable: true });
  return ok({
    kind,
    code,
    name: b.TenDoanhNghiep ?? "",
    address: b.DiaChiTruSo ?? "",
    representative: b.NguoiDaiDien ?? "",
    phone: b.DienThoai ?? "",
    email: b.Email ?? "",
  });
}

/** Results the national system issued for a dossier (enterprise code, certificate), or null. */
export async function nationalResult(
  c: RegistryConfig,
  dossierCode: string,
): Promise<Result<NationalResult | null, DeliveryFailure>> {
  const r = await get(c, `/api/hoso/${encodeURIComponent(dossierCode)}/ketqua`);
  if (!r.ok) return r;
  if (r.value.status === 404) return ok(null);
  const b = r.value.body as Record<string, string> | null;
  if (r.value.status !== 200 || !b)
    return err({ reason: `http-${r.value.status}`, detail: "", retryable: true });
  return ok({
    enterpriseCode: b.MaSoDoanhNghiep ?? "",
    certificateNumber: b.SoGiayChungNhan ?? "",
    issuedAt: b.NgayCap ?? "",
    fileUrl: b.DuongDanTep ?? "",
  });
}
