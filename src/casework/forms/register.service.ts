import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { agencyErrors } from "../../reference/agencies/agency.errors.ts";
import { isoDate } from "../../reference/calendar/calendar.types.ts";
import { vnDateTime } from "../../reference/calendar/local-time.ts";
import { STATUS_LABEL_VI } from "../dossiers/dossier-status.ts";
import { loadFonts } from "./fonts.loader.ts";
import { field, nationalHeader, renderPdf, table, title } from "./form-layout.ts";
import { registerErrors } from "./forms.errors.ts";

const MAX_ROWS = 5000;

/** Mẫu 07: Sổ theo dõi hồ sơ of one receiving agency for a date range (A4 landscape). */
export async function registerPdf(
  db: Db,
  agencyCode: string,
  from: string,
  to: string,
): Promise<Result<Buffer, AppError>> {
  if (!isoDate.safeParse(from).success || !isoDate.safeParse(to).success || from > to)
    return err(registerErrors.badRange());
  const agency = await db
    .selectFrom("agency")
    .select("name")
    .where("code", "=", agencyCode)
    .executeTakeFirst();
  if (!agency) return err(agencyErrors.notFound(agencyCode, 404));
  const rows = await db
    .selectFrom("dossier")
    .select([
      "code",
      "procedure_name",
      "applicant",
      "received_at",
      "due_at",
      "returned_at",
      "finished_at",
      "status",
    ])
    .where("receiving_agency", "=", agencyCode)
    .where("received_at", ">=", new Date(`${from}T00:00:00+07:00`))
    .where("received_at", "<", new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000))
    .orderBy("received_at")
    .limit(MAX_ROWS + 1)
    .execute();
  if (rows.length > MAX_ROWS) return err(registerErrors.tooMany(MAX_ROWS));
  const text = (d: Date | null) => (d ? vnDateTime(d) : "");
  const pdf = await renderPdf(
    "A4",
    loadFonts(),
    (doc) => {
      nationalHeader(doc, agency.name);
      title(
        doc,
        "SỔ THEO DÕI HỒ SƠ",
        `Từ ngày ${from.split("-").reverse().join("/")} đến ngày ${to.split("-").reverse().join("/")}`,
      );
      field(doc, "Số hồ sơ", String(rows.length));
      doc.moveDown(0.3);
      table(
        doc,
        [
          { header: "STT", width: 28 },
          { header: "Mã hồ sơ", width: 150 },
          { header: "Thủ tục", width: 170 },
          { header: "Chủ hồ sơ", width: 95 },
          { header: "Nhận lúc", width: 80 },
          { header: "Hẹn trả", width: 80 },
          { header: "Trả kết quả", width: 80 },
          { header: "Tình trạng", width: 75 },
        ],
        rows.map((r, i) => [
          String(i + 1),
          r.code,
          r.procedure_name,
          r.applicant.name,
          text(r.received_at),
          text(r.due_at),
          text(r.returned_at),
          STATUS_LABEL_VI[r.status],
        ]),
      );
    },
    true,
  );
  return ok(pdf);
}
