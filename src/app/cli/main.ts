import { Command } from "commander";
import { loadBundledCalendar } from "../../reference/calendar/calendar.loader.ts";
import { dueQuery } from "../../reference/calendar/due-query.ts";
import { decodeIdentityNumber } from "../../reference/identity/cccd.ts";
import { loadConfig } from "../settings.ts";
import { registerAdminCommands } from "./admin.commands.ts";
import { registerAuditCommands } from "./audit.commands.ts";
import { registerBackupCommands } from "./backup.commands.ts";
import { registerCalendarCommands } from "./calendar.commands.ts";
import { registerCatalogCommands } from "./catalog.commands.ts";
import { registerConfigCommands } from "./config.commands.ts";
import { registerDemoCommands } from "./demo.commands.ts";
import { registerKpiCommands } from "./kpi.commands.ts";
import { registerMigrateCommands } from "./migrate.commands.ts";
import { fail, print } from "./output.ts";
import { registerPkiCommands } from "./pki.commands.ts";
import { explainRefusal } from "./refusal.ts";
import { serve } from "./serve.ts";
import { registerSyncCommands } from "./sync.commands.ts";
import { registerUnitsCommands } from "./units.commands.ts";

const program = new Command("motcua")
  .description("motcua — hệ thống một cửa giải quyết thủ tục hành chính")
  .showHelpAfterError();

program
  .command("serve")
  .description(
    "Start the API and workers on PORT (default 3000); in demo mode also the national-system stand-ins",
  )
  .action(async () => serve(loadConfig()));

program
  .command("due")
  .description("When is a dossier received at a moment due? (ngày hẹn trả, with the reasons)")
  .requiredOption("--received <datetime>", "receipt time, ISO 8601 (Vietnam time if no offset)")
  .option("--duration <amount>", "3d, 0.5d or 4h", "1d")
  .option("--calendar-days", "count calendar days, not working days", false)
  .option("--same-day", "same-day procedure", false)
  .option("--cutoff <HH:MM>", "same-day cut-off", "15:00")
  .option("--json", "machine-readable output", false)
  .option("--offline", "use the bundled calendar without the database", false)
  .action(async (o) => {
    const { withRuntime } = await import("./with-runtime.ts");
    const answer = (cal: Parameters<typeof dueQuery>[0]) =>
      dueQuery(cal, {
        received: o.received,
        duration: o.duration,
        calendarDays: o.calendarDays,
        sameDay: o.sameDay,
        cutoff: o.cutoff,
      });
    const r = o.offline
      ? answer(loadBundledCalendar())
      : await withRuntime(o.json, async (rt) => answer(await rt.calendar()));
    if (!r.ok) fail(o.json, r.error);
    const { dueAt, explanation } = r.value;
    print(o.json, { dueAt, explanation }, () =>
      [`Hạn trả: ${dueAt ?? "không quy định"}`, ...explanation.map((s) => `  - ${s.vi}`)].join("\n"),
    );
  });

program
  .command("cccd <number>")
  .description("Validate and decode a CCCD (or accept a 9-digit CMND)")
  .option("--json", "machine-readable output", false)
  .action((number: string, o) => {
    const r = decodeIdentityNumber(number);
    if (!r.ok) fail(o.json, r.error);
    print(o.json, r.value, () => `${r.value.number}: ${r.value.summary}`);
  });

registerCatalogCommands(program);
registerUnitsCommands(program);
registerCalendarCommands(program);
registerDemoCommands(program);
registerSyncCommands(program);
registerPkiCommands(program);
registerKpiCommands(program);
registerAuditCommands(program);
registerBackupCommands(program);
registerMigrateCommands(program);
registerAdminCommands(program);
registerConfigCommands(program);

await program.parseAsync(process.argv).catch(explainRefusal);
