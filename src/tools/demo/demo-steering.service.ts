import type { Db } from "../../kernel/db/database.ts";
import {
  actOnFinding,
  actOnInspection,
  planInspection,
  recordFinding,
} from "../../oversight/steering/inspections.service.ts";
import { actOnTask, assignTask } from "../../oversight/steering/reform-tasks.service.ts";
import { actOnRegulation, registerRegulation } from "../../oversight/steering/regulations.service.ts";
import { sendDueReminders } from "../../oversight/steering/reminders.service.ts";
import type { Actor } from "../../oversight/steering/steering.repository.ts";
import type { ReformArea } from "../../oversight/steering/steering.types.ts";
import { epochDayOf, isoDateOf, vnDay } from "../../reference/calendar/local-time.ts";

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/**
 * Synthetic steering registers for the demo (dữ liệu mẫu, marked synthetic): regulations owed,
 * an inspection with findings, reform tasks in all six areas, made through the services so each
 * has its journal. Titles are illustrative, not real documents of the province.
 */
export async function generateDemoSteering(
  db: Db,
  agencies: { centre: string; departments: string[]; commune: string | null },
  now: Date,
  reminderDays: readonly number[],
) {
  const admin = await db
    .selectFrom("official")
    .select("id")
    .where("username", "=", "admin")
    .executeTakeFirst();
  if (!admin) return { skipped: "no admin account" };
  const actor: Actor = { id: admin.id, roles: ["admin"], agencyCode: agencies.centre };
  const ctx = { db, now };
  const day = (offset: number) => isoDateOf(epochDayOf(vnDay(now)) + offset);
  const dept = (i: number) => agencies.departments[i % agencies.departments.length] ?? agencies.centre;

  const regulations: [string, string, number, "drafting" | "submitted" | "issued"][] = [
    [
      "Quyết định quy định chi tiết hạn mức công nhận đất ở trên địa bàn tỉnh",
      "Luật Đất đai năm 2024",
      -75,
      "drafting",
    ],
    [
      "Quyết định ban hành quy chế phối hợp giải quyết thủ tục liên thông",
      "Nghị định 118/2025/NĐ-CP",
      -40,
      "submitted",
    ],
    [
      "Quyết định quy định mức thu phí thẩm định hồ sơ cấp giấy phép xây dựng",
      "Luật Phí và lệ phí",
      -12,
      "drafting",
    ],
    [
      "Quyết định quy định chi tiết về số hóa hồ sơ, kết quả giải quyết TTHC",
      "Nghị định 45/2020/NĐ-CP",
      -20,
      "issued",
    ],
    [
      "Quyết định công bố danh mục TTHC thực hiện toàn trình trên môi trường điện tử",
      "Nghị định 45/2020/NĐ-CP",
      5,
      "drafting",
    ],
    ["Quyết định quy định cấp giấy phép hoạt động đối với cơ sở dịch vụ", "Luật Đầu tư", 25, "submitted"],
    [
      "Quyết định phân cấp thẩm quyền giải quyết TTHC cho cấp xã",
      "Luật Tổ chức chính quyền địa phương 2025",
      60,
      "drafting",
    ],
    [
      "Quyết định sửa đổi quy trình nội bộ giải quyết TTHC lĩnh vực tư pháp",
      "Nghị định 63/2010/NĐ-CP",
      -5,
      "issued",
    ],
  ];
  let i = 0;
  for (const [title, basis, due, status] of regulations) {
    const agencyCode = dept(i);
    const lead: Actor = { id: admin.id, roles: ["leader"], agencyCode };
    const { id } = must(
      await registerRegulation(ctx, actor, {
        title,
        legalBasis: basis,
        issuerLevel: "province",
        agencyCode,
        dueOn: day(due),
        note: "Dữ liệu mẫu",
      }),
    );
    i++;
    if (status === "submitted") must(await actOnRegulation(ctx, id, lead, { type: "submit", note: "" }));
    if (status === "issued") {
      must(
        await actOnRegulation(ctx, id, lead, {
          type: "issue",
          number: `${10 + i}/2026/QĐ-UBND`,
          issuedOn: day(Math.min(0, due + (i % 2 ? 4 : -3))),
          note: "",
        }),
      );
    }
  }
  await db.updateTable("regulation").set({ synthetic: true }).where("created_at", "=", now).execute();

  const target = agencies.commune ?? dept(3);
  const { id: inspection } = must(
    await planInspection(ctx, actor, {
      title: "Kiểm tra công tác cải cách hành chính năm 2026",
      targetAgency: target,
      inspectorAgency: agencies.centre,
      leadName: "Đoàn kiểm tra CCHC tỉnh",
      startsOn: day(-30),
      endsOn: day(-28),
    }),
  );
  must(await actOnInspection(ctx, inspection, actor, { type: "start", note: "" }));
  const findings = [
    ["Niêm yết công khai TTHC tại Bộ phận Một cửa chưa cập nhật theo danh mục mới", -2],
    ["Tỷ lệ số hóa hồ sơ khi tiếp nhận thấp, nhiều thành phần chỉ lưu bản giấy", 10],
    ["Một số hồ sơ trả kết quả quá hạn chưa có văn bản xin lỗi người dân", 20],
  ] as const;
  const ids: string[] = [];
  for (const [description, due] of findings) {
    ids.push(
      must(
        await recordFinding(ctx, inspection, actor, {
          description,
          ownerAgency: target,
          remedyDueOn: day(due),
        }),
      ).id,
    );
  }
  must(
    await actOnInspection(ctx, inspection, actor, {
      type: "complete",
      conclusion:
        "Đơn vị cơ bản thực hiện đúng quy định; còn 3 tồn tại cần khắc phục trong thời hạn (dữ liệu mẫu).",
    }),
  );
  const owner: Actor = { id: admin.id, roles: ["leader"], agencyCode: target };
  must(
    await actOnFinding(ctx, ids[2] as string, owner, {
      type: "report-remedy",
      remedy: "Đã gửi văn bản xin lỗi và rà soát quy trình.",
    }),
  );

  const tasks: [ReformArea, string, number, number][] = [
    ["institutional", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", 40, 60],
    ["procedural", "Rà soát, đơn giản hóa TTHC không phát sinh hồ sơ trong năm", -10, 70],
    ["procedural", "Công bố, công khai quy trình nội bộ giải quyết TTHC", 30, 100],
    ["organisational", "Sắp xếp tổ chức bộ máy sau hợp nhất tỉnh", 15, 80],
    ["civil-service", "Đánh giá, xếp loại công chức Bộ phận Một cửa theo kết quả giải quyết", 45, 20],
    ["public-finance", "Thực hiện cơ chế tự chủ tài chính đối với đơn vị sự nghiệp", -3, 50],
    ["digital-government", "Tích hợp, đồng bộ 100% hồ sơ lên Cổng Dịch vụ công quốc gia", 20, 90],
    ["digital-government", "Số hóa kết quả giải quyết TTHC còn hiệu lực", 90, 35],
  ];
  let k = 0;
  for (const [area, title, due, progress] of tasks) {
    const { id } = must(
      await assignTask(ctx, actor, {
        area,
        title,
        agencyCode: dept(k++),
        dueOn: day(due),
        note: "Dữ liệu mẫu",
      }),
    );
    const lead: Actor = { id: admin.id, roles: ["leader"], agencyCode: dept(k - 1) };
    must(await actOnTask(ctx, id, lead, { type: "progress", progress, note: "" }));
  }
  await db.updateTable("reform_task").set({ synthetic: true }).where("created_at", "=", now).execute();
  await db.updateTable("inspection").set({ synthetic: true }).where("created_at", "=", now).execute();
  const reminders = await sendDueReminders(db, reminderDays, now);
  return { regulations: regulations.length, findings: findings.length, tasks: tasks.length, reminders };
}
