import { createHash } from "node:crypto";
import { portalTime } from "../dvcqg/dvcqg.messages.ts";

// PayGov message shapes and their checksum (DOMAIN.md §6a). Pure.

/** MaXacThuc: lowercase hex SHA-256 of the values joined by "|", the shared secret last. */
export function payGovChecksum(values: readonly (string | number)[], secret: string): string {
  return createHash("sha256")
    .update([...values.map(String), secret].join("|"))
    .digest("hex");
}

export const INIT_FIELDS = [
  "LoaiBanTin",
  "PhienBan",
  "MaDoiTac",
  "MaThamChieu",
  "SoTien",
  "LoaiHinhThanhToan",
  "MaKenhThanhToan",
  "MaThietBi",
  "NgonNgu",
  "MaTienTe",
  "MaNganHang",
  "ThongTinGiaoDich",
  "ThoiGianGD",
  "Ip",
] as const;

export const STATUS_FIELDS = ["LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD"] as const;

export type PayGovMessage = Record<string, string>;

export function signed(fields: readonly string[], msg: PayGovMessage, secret: string): PayGovMessage {
  return {
    ...msg,
    MaXacThuc: payGovChecksum(
      fields.map((f) => msg[f] ?? ""),
      secret,
    ),
  };
}

export function checksumValid(fields: readonly string[], msg: PayGovMessage, secret: string): boolean {
  return (
    msg.MaXacThuc ===
    payGovChecksum(
      fields.map((f) => msg[f] ?? ""),
      secret,
    )
  );
}

export function initMessage(p: {
  partner: string;
  reference: string;
  amount: number;
  description: string;
  at: Date;
  ip: string;
  receipt: Record<string, unknown>;
}): PayGovMessage {
  return {
    LoaiBanTin: "INIT",
    PhienBan: "1.0.0",
    MaDoiTac: p.partner,
    MaThamChieu: p.reference,
    SoTien: String(p.amount),
    LoaiHinhThanhToan: "PAY",
    MaKenhThanhToan: "1",
    MaThietBi: "1",
    NgonNgu: "vi-VN",
    MaTienTe: "VND",
    MaNganHang: "",
    ThongTinGiaoDich: p.description.slice(0, 255),
    ThoiGianGD: portalTime(p.at),
    Ip: p.ip,
    ThongTinBienLai: JSON.stringify(p.receipt),
  };
}

export function statusMessage(
  kind: "QUERY" | "RECEIPT",
  partner: string,
  reference: string,
  at: Date,
): PayGovMessage {
  return {
    LoaiBanTin: kind,
    PhienBan: "1.0.0",
    MaDoiTac: partner,
    MaThamChieu: reference,
    ThoiGianGD: portalTime(at),
  };
}
