import type { Command } from "commander";
import { calendarErrors } from "../../reference/calendar/calendar.errors.ts";
import {
  listSpecialDays,
  removeOverride,
  setOverride,
} from "../../reference/calendar/calendar.repository.ts";
import { specialDaySchema } from "../../reference/calendar/calendar.types.ts";
import { fail, print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command("calendar")
    .description("Holidays, swapped days and administrators' overrides");

  calendar
    .command("list")
    .description("Special days of a year")
    .option("--year <yyyy>", "year", String(new Date().getFullYear()))
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const days = await withRuntime(o.json, (rt) => listSpecialDays(rt.db, Number(o.year)));
      print(o.json, { days }, () =>
        days
          .map((d) => `${d.date}  ${d.working ? "làm việc" : "nghỉ    "}  ${d.name_vi}  [${d.origin}]`)
          .join("\n"),
      );
    });

  calendar
    .command("set <date>")
    .description("Override one date: a newly announced day off or working Saturday")
    .option("--working", "the date is a working day", false)
    .requiredOption("--name <vi>", "name in Vietnamese")
    .option("--name-en <en>", "name in English")
    .option("--source <text>", "the notice that decided it", "")
    .option("--json", "machine-readable output", false)
    .action(async (date: string, o) => {
      const parsed = specialDaySchema.safeParse({
        date,
        working: o.working,
        kind: "override",
        nameVi: o.name,
        nameEn: o.nameEn ?? o.name,
        confidence: "confirmed",
        source: o.source,
      });
      if (!parsed.success) {
        fail(o.json, calendarErrors.badOverride(parsed.error.issues[0]?.message));
      }
      await withRuntime(o.json, (rt) => setOverride(rt.db, parsed.data));
      print(
        o.json,
        { ok: true, day: parsed.data },
        () => `Đã đặt ${date}: ${o.working ? "ngày làm việc" : "ngày nghỉ"} (${o.name}).`,
      );
    });

  calendar
    .command("unset <date>")
    .description("Remove an override; the bundled schedule applies again")
    .option("--json", "machine-readable output", false)
    .action(async (date: string, o) => {
      const removed = await withRuntime(o.json, (rt) => removeOverride(rt.db, date));
      print(o.json, { removed }, () =>
        removed ? `Đã bỏ điều chỉnh ngày ${date}.` : `Ngày ${date} không có điều chỉnh.`,
      );
    });
}
