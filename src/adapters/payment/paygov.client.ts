import { err, ok, type Result } from "../../kernel/common/result.ts";
import { requestJson } from "../http-json.client.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import { INIT_FIELDS, initMessage, STATUS_FIELDS, signed, statusMessage } from "./paygov-checksum.ts";

export interface PayGovConfig {
  baseUrl: string;
  partnerCode: string;
  secret: string;
  timeoutMs: number;
}

export type PaymentStatus =
  | { state: "paid"; transaction: string; receiptUrl: string }
  | { state: "pending" | "failed" };

export async function initPayment(
  c: PayGovConfig,
  p: Omit<Parameters<typeof initMessage>[0], "partner">,
): Promise<Result<{ payUrl: string }, DeliveryFailure>> {
  const msg = signed(INIT_FIELDS, initMessage({ ...p, partner: c.partnerCode }), c.secret);
  const r = await requestJson("POST", `${c.baseUrl}/api/thanhtoan/init`, {
    body: msg,
    timeoutMs: c.timeoutMs,
  });
  if (!r.ok) return r;
  const b = r.value.body as { MaLoi?: string; UrlThanhToan?: string; MoTaLoi?: string } | null;
  if (b?.MaLoi !== "00" || !b.UrlThanhToan) {
    return err({ reason: "paygov-rejected", detail: `${b?.MaLoi} ${b?.MoTaLoi ?? ""}`, retryable: false });
  }
  return ok({ payUrl: b.UrlThanhToan });
}

/** Asks the platform (never the browser's redirect) whether a payment went through. */
export async function paymentStatus(
  c: PayGovConfig,
  reference: string,
  at: Date,
): Promise<Result<PaymentStatus, DeliveryFailure>> {
  const msg = signed(STATUS_FIELDS, statusMessage("QUERY", c.partnerCode, reference, at), c.secret);
  const r = await requestJson("POST", `${c.baseUrl}/api/thanhtoan/truyvan`, {
    body: msg,
    timeoutMs: c.timeoutMs,
  });
  if (!r.ok) return r;
  const b = r.value.body as {
    MaLoi?: string;
    TrangThaiGD?: string;
    MaGiaoDich?: string;
    UrlBienLai?: string;
  } | null;
  if (b?.MaLoi !== "00") return err({ reason: "paygov-query", detail: String(b?.MaLoi), retryable: true });
  if (b.TrangThaiGD === "00")
    return ok({ state: "paid", transaction: b.MaGiaoDich ?? "", receiptUrl: b.UrlBienLai ?? "" });
  return ok({ state: b.TrangThaiGD === "02" ? "failed" : "pending" });
}
