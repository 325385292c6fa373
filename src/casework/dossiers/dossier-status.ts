import { z } from "zod";

/** Internal business states; richer than DVCQG's ten codes, mapped to them by configuration. */
export const dossierStatusSchema = z.enum([
  "submitted", // nộp trực tuyến, chờ kiểm tra
  "awaiting-completion", // chưa tiếp nhận, yêu cầu bổ sung trước khi tiếp nhận (mẫu 02)
  "refused", // từ chối tiếp nhận (mẫu 03)
  "received", // đã tiếp nhận, chưa chuyển xử lý
  "processing", // đang xử lý tại một bước
  "supplement-requested", // yêu cầu bổ sung trong khi xử lý (mẫu 02), đồng hồ tạm dừng
  "payment-requested", // yêu cầu thực hiện nghĩa vụ tài chính
  "withdrawn", // công dân rút hồ sơ
  "stopped", // dừng xử lý (mẫu 05)
  "result-ready", // đã có kết quả, chờ trả
  "returned", // đã trả kết quả
]);
export type DossierStatus = z.infer<typeof dossierStatusSchema>;

/** TrangThaiHoSo on the National Public Service Portal. */
export type DvcqgStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set([
  "refused",
  "withdrawn",
  "stopped",
  "returned",
]);

/** Not yet accepted: no appointment runs. */
export const BEFORE_ACCEPTANCE: ReadonlySet<DossierStatus> = new Set(["submitted", "awaiting-completion"]);

export const dvcqgMappingSchema = z
  .record(dossierStatusSchema, z.number().int().min(1).max(10))
  .superRefine((m, ctx) => {
    for (const s of dossierStatusSchema.options) {
      if (m[s] === undefined)
        ctx.addIssue({ code: "custom", path: [s], message: "thiếu mã trạng thái DVCQG" });
    }
    // One provincial system rewrote 5, 6 and 8 as 9 when syncing; it corrupts national statistics.
    for (const s of ["supplement-requested", "payment-requested", "stopped"] as const) {
      if (m[s] === 9)
        ctx.addIssue({ code: "custom", path: [s], message: "không được gộp trạng thái 5, 6, 8 vào 9" });
    }
  })
  .describe("Internal status → DVCQG TrangThaiHoSo (1–10)");

export const DEFAULT_DVCQG_MAPPING: Record<DossierStatus, DvcqgStatus> = {
  submitted: 1,
  "awaiting-completion": 5,
  refused: 3,
  received: 2,
  processing: 4,
  "supplement-requested": 5,
  "payment-requested": 6,
  withdrawn: 7,
  stopped: 8,
  "result-ready": 9,
  returned: 10,
};

/** Plain Vietnamese for citizens and officials. */
export const STATUS_LABEL_VI: Record<DossierStatus, string> = {
  submitted: "Mới đăng ký, chờ kiểm tra",
  "awaiting-completion": "Chờ bổ sung trước khi tiếp nhận",
  refused: "Không được tiếp nhận",
  received: "Đã tiếp nhận",
  processing: "Đang xử lý",
  "supplement-requested": "Yêu cầu bổ sung giấy tờ",
  "payment-requested": "Yêu cầu thực hiện nghĩa vụ tài chính",
  withdrawn: "Công dân đã rút hồ sơ",
  stopped: "Dừng xử lý",
  "result-ready": "Đã có kết quả, chờ trả",
  returned: "Đã trả kết quả",
};
