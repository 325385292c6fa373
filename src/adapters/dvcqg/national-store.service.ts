import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import { fetchBytes } from "../http-json.client.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import { type DvcqgClient, rejected } from "./dvcqg.client.ts";

interface KhoItem {
  MaKetQua: string;
  TenGiayTo: string;
  SoKyHieu: string;
  DanhSachTepDinhKem?: { TenTep: string; DuongDan: string }[];
}

/**
 * Kho DVCQG (GetKetQuaGiayTo): results issued to this owner elsewhere in the country. New ones are
 * copied into the local data store (file and record, source "national"), so the desk reuses them
 * like any document on file and the component is marked as taken from the national store.
 */
export async function syncNationalDocuments(
  db: Db,
  files: FileStore,
  client: DvcqgClient,
  q: {
    owner: string;
    officialId: string;
    officialName: string;
    procedureCode?: string;
    resultCodes?: string[];
  },
): Promise<Result<number, DeliveryFailure>> {
  const r = await client.call("GetKetQuaGiayTo", {
    SoDinhDanhChuSoHuu: q.owner,
    HoTenNguoiYeuCau: q.officialName,
    KenhThucHien: "1",
    SoDinhDanhNguoiYeuCau: q.officialId,
    MaThuTuc: q.procedureCode ?? "",
    DanhSachDanhMucKetQua: (q.resultCodes ?? []).map((MaKetQua) => ({ MaKetQua, SoKyHieu: "" })),
  });
  if (!r.ok) return r;
  if (r.value.verdict !== "ok") return err(rejected("GetKetQuaGiayTo", r.value));
  const items = (r.value.DanhSachGiayToKetQua as KhoItem[] | undefined) ?? [];
  let added = 0;
  for (const item of items) {
    const known = await db
      .selectFrom("citizen_document")
      .select("id")
      .where("owner_id", "=", q.owner)
      .where("source", "=", "national")
      .where("result_code", "=", item.MaKetQua)
      .where("document_number", "=", item.SoKyHieu)
      .executeTakeFirst();
    if (known) continue;
    const attachment = item.DanhSachTepDinhKem?.[0];
    const got = attachment
      ? await fetchBytes(attachment.DuongDan, { timeoutMs: 10_000, maxBytes: 20 * 1_048_576 })
      : null;
    if (got && !got.ok) return got;
    const fileId = got
      ? await saveFile(
          db,
          files,
          {
            dossierId: null,
            kind: "national",
            name: attachment?.TenTep ?? "giay-to.pdf",
            mime: got.value.mime,
            source: "dvcqg-kho",
          },
          got.value.bytes,
        )
      : null;
    await db
      .insertInto("citizen_document")
      .values({
        owner_id: q.owner,
        kind: "national",
        result_code: item.MaKetQua,
        document_number: item.SoKyHieu,
        title: item.TenGiayTo,
        file_id: fileId,
        dossier_id: null,
        issuer: "Kho dữ liệu Cổng Dịch vụ công quốc gia",
        source: "national",
        valid_until: null,
      })
      .execute();
    added++;
  }
  return ok(added);
}
