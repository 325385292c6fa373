import { z } from "zod";
import { maskTail } from "../../kernel/common/mask.ts";
import { vnIso } from "../../reference/calendar/local-time.ts";

// Notifications to applicants (thông báo cho người nộp hồ sơ). Pure: templates and settings.

export const notificationEventSchema = z.enum([
  "accepted",
  "supplement-requested",
  "reappointed",
  "result-ready",
  "returned",
]);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

const channels = z.object({ email: z.boolean(), sms: z.boolean() });

/** Per event and channel: SMS costs money, so by default it goes only where the citizen must act. */
export const notificationSettingsSchema = z
  .object({
    accepted: channels.default({ email: true, sms: false }),
    "supplement-requested": channels.default({ email: true, sms: true }),
    reappointed: channels.default({ email: true, sms: true }),
    "result-ready": channels.default({ email: true, sms: true }),
    // The rating link (đánh giá mức độ hài lòng) after the result is handed over: e-mail only.
    returned: channels.default({ email: true, sms: false }),
  })
  .describe("Which events notify the applicant, by email and by SMS");
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Which journal entries notify the applicant. */
export function eventOf(entryType: string, toStatus: string): NotificationEvent | null {
  if ((entryType === "receive" || entryType === "accept") && toStatus === "received") return "accepted";
  if (entryType === "request-supplement" || entryType === "request-completion") return "supplement-requested";
  if (entryType === "reappoint") return "reappointed";
  if (entryType === "issue-result") return "result-ready";
  if (entryType === "return-result" && toStatus === "returned") return "returned";
  return null;
}

export interface NotificationFacts {
  code: string;
  procedureName: string;
  applicantName: string;
  agencyName: string;
  dueAt: Date | null;
  note: string;
  trackingUrl: string;
}

const date = (d: Date | null) => {
  if (!d) return "";
  const [day, time] = vnIso(d).split("T");
  const [y, m, dd] = (day ?? "").split("-");
  return `${time?.slice(0, 5)} ngày ${dd}/${m}/${y}`;
};

/** Subject, email body and a short SMS text (no diacritics-dependent length tricks; ≤ 300 chars). */
export function render(
  event: NotificationEvent,
  f: NotificationFacts,
): { subject: string; body: string; sms: string } {
  const hello = `Kính gửi ông/bà ${f.applicantName},`;
  const sign = `\n\n${f.agencyName}\nTra cứu hồ sơ: ${f.trackingUrl}`;
  switch (event) {
    case "accepted":
      return {
        subject: `Đã tiếp nhận hồ sơ ${f.code}`,
        body: `${hello}\n\nHồ sơ "${f.procedureName}" của ông/bà đã được tiếp nhận, mã hồ sơ ${f.code}. Ngày hẹn trả kết quả: ${date(f.dueAt) || "theo quy định"}.${sign}`,
        sms: `Ho so ${f.code} da duoc tiep nhan. Hen tra: ${date(f.dueAt)}. Tra cuu: ${f.trackingUrl}`,
      };
    case "supplement-requested":
      return {
        subject: `Yêu cầu bổ sung hồ sơ ${f.code}`,
        body: `${hello}\n\nHồ sơ ${f.code} cần bổ sung, hoàn thiện: ${f.note || "xem chi tiết tại trang tra cứu"}. Thời gian bổ sung không tính vào thời hạn giải quyết.${sign}`,
        sms: `Ho so ${f.code} can bo sung giay to. Chi tiet: ${f.trackingUrl}`,
      };
    case "reappointed":
      return {
        subject: `Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${f.code}`,
        body: `${hello}\n\n${f.agencyName} xin lỗi vì hồ sơ ${f.code} chưa giải quyết được đúng hạn. Ngày hẹn trả mới: ${date(f.dueAt)}. Lý do: ${f.note}.${sign}`,
        sms: `Xin loi: ho so ${f.code} duoc hen tra lai vao ${date(f.dueAt)}. Chi tiet: ${f.trackingUrl}`,
      };
    case "result-ready":
      return {
        subject: `Đã có kết quả hồ sơ ${f.code}`,
        body: `${hello}\n\nHồ sơ ${f.code} ("${f.procedureName}") đã có kết quả. Mời ông/bà nhận kết quả theo hình thức đã đăng ký.${sign}`,
        sms: `Ho so ${f.code} da co ket qua. Moi ong/ba nhan ket qua. Tra cuu: ${f.trackingUrl}`,
      };
    case "returned":
      return {
        subject: `Mời đánh giá mức độ hài lòng: hồ sơ ${f.code}`,
        body: `${hello}\n\nHồ sơ ${f.code} ("${f.procedureName}") đã được trả kết quả. Mời ông/bà dành một phút đánh giá mức độ hài lòng với việc giải quyết (cần mã tra cứu của hồ sơ): ${ratingUrl(f.trackingUrl)}${sign}`,
        sms: `Ho so ${f.code} da tra ket qua. Moi danh gia muc do hai long: ${ratingUrl(f.trackingUrl)}`,
      };
  }
}

/** The tracking page opened from the notification: a rating sent from it counts as "via link". */
export const ratingUrl = (trackingUrl: string) =>
  `${trackingUrl}${trackingUrl.includes("?") ? "&" : "?"}danh-gia=1`;

export function maskRecipient(r: string): string {
  if (r.includes("@")) {
    const [user, host] = r.split("@");
    return `${(user ?? "").slice(0, 2)}***@${host}`;
  }
  return maskTail(r);
}
