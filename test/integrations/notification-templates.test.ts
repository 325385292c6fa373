import { describe, expect, it } from "vitest";
import {
  eventOf,
  notificationSettingsSchema,
  ratingUrl,
  render,
} from "../../src/adapters/notify/notification-templates.ts";

const facts = {
  code: "DEMO.37.TTPVHCC-260309-0001",
  procedureName: "Đăng ký khai sinh",
  applicantName: "Nguyễn Văn An",
  agencyName: "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình",
  dueAt: null,
  note: "",
  trackingUrl: "https://dichvucong.ninhbinh.gov.vn/tra-cuu?ma=DEMO.37.TTPVHCC-260309-0001",
};

describe("the rating invitation after the result is returned", () => {
  it("is sent when the result is handed over, by e-mail only by default", () => {
    expect(eventOf("return-result", "returned")).toBe("returned");
    expect(eventOf("issue-result", "result-ready")).toBe("result-ready");
    expect(notificationSettingsSchema.parse({}).returned).toEqual({ email: true, sms: false });
  });

  it("links to the tracking page marked as coming from the notification", () => {
    const r = render("returned", facts);
    expect(r.subject).toBe("Mời đánh giá mức độ hài lòng: hồ sơ DEMO.37.TTPVHCC-260309-0001");
    expect(r.body).toContain(`${facts.trackingUrl}&danh-gia=1`);
    expect(r.sms.length).toBeLessThanOrEqual(300);
    expect(ratingUrl("http://localhost:3000/tra-cuu")).toBe("http://localhost:3000/tra-cuu?danh-gia=1");
  });
});
