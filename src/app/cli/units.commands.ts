import type { Command } from "commander";
import { importUnits } from "../../reference/units/units.import.ts";
import {
  findUnit,
  type LinkDirection,
  linkedUnits,
  type UnitLink,
} from "../../reference/units/units.service.ts";
import { openDatabase } from "../bootstrap/database.ts";
import { recordImport } from "../bootstrap/reference-data.ts";
import { loadConfig, loadDeployment } from "../settings.ts";
import { fail, print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

export function registerUnitsCommands(program: Command): void {
  const units = program.command("units").description("Administrative units before and after 1 July 2025");
  const level = (o: { province?: boolean }) => (o.province ? "province" : "commune");

  units
    .command("import")
    .description("Import 34 + 63 provinces, districts, communes and the old → new links")
    .option("--json", "machine-readable output", false)
    .action(async (o) => {
      const database = await openDatabase(loadConfig());
      try {
        const r = await importUnits(database.db);
        await recordImport(database.db, loadDeployment(loadConfig().MOTCUA_DEPLOYMENT), "units", r);
        print(o.json, r, () => `Đã nhập ${r.units} đơn vị hành chính và ${r.links} liên kết sắp xếp.`);
      } finally {
        await database.close();
      }
    });

  const linkCommand = (
    direction: LinkDirection,
    usage: string,
    description: string,
    arrow: (code: string, u: UnitLink) => string,
  ) =>
    units
      .command(usage)
      .description(description)
      .option("--province", "the code is a province code", false)
      .option("--json", "machine-readable output", false)
      .action(async (code: string, o) => {
        const items = await withRuntime(o.json, (rt) => linkedUnits(rt.db, direction, level(o), code));
        print(o.json, { code, [direction]: items }, () =>
          items.length
            ? items.map((u) => arrow(code, u)).join("\n")
            : `Không có đơn vị liên quan đến mã ${code}.`,
        );
      });
  const share = (u: UnitLink) => (u.kind === "full" ? "toàn bộ" : "một phần");
  linkCommand(
    "successors",
    "successors <oldCode>",
    "What is this old commune (or, with --province, province) now?",
    (c, u) => `${c} → ${u.code} ${u.fullName} (${share(u)})`,
  );
  linkCommand(
    "predecessors",
    "predecessors <newCode>",
    "What did this new commune (or province) come from?",
    (c, u) => `${u.code} ${u.fullName} (${share(u)}) → ${c}`,
  );

  units
    .command("show <code>")
    .description("Every unit that carried this code, old and new")
    .option("--json", "machine-readable output", false)
    .action(async (code: string, o) => {
      const r = await withRuntime(o.json, (rt) => findUnit(rt.db, code));
      if (!r.ok) fail(o.json, r.error);
      print(o.json, { items: r.value }, () =>
        r.value.map((u) => `${u.code} ${u.fullName} [${u.era}, ${u.level}]`).join("\n"),
      );
    });
}
