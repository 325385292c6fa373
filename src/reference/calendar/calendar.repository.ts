import { insertInBatches } from "../../kernel/db/batch-insert.ts";
import type { Db } from "../../kernel/db/database.ts";
import { readHolidaysCsv } from "./calendar.loader.ts";
import type { SpecialDay } from "./calendar.types.ts";
import { buildCalendarConfig, holidaysFromCsv } from "./holidays.ts";
import { WorkCalendar } from "./work-calendar.ts";

/** Replaces the bundled holiday rows; administrators' overrides stay. */
export async function seedSpecialDays(db: Db): Promise<number> {
  const days = holidaysFromCsv(readHolidaysCsv());
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("special_day").where("origin", "=", "data").execute();
    const overridden = new Set(
      (await tx.selectFrom("special_day").select("date").execute()).map((r) => r.date),
    );
    await insertInBatches(
      tx,
      "special_day",
      days.filter((d) => !overridden.has(d.date)).map((d) => toRow(d, "data")),
    );
  });
  return days.length;
}

/** An administrator's decision for one date, e.g. a newly announced swap or Culture Day 24/11. */
export async function setOverride(db: Db, day: SpecialDay): Promise<void> {
  const row = toRow({ ...day, kind: "override" }, "override");
  await db
    .insertInto("special_day")
    .values(row)
    .onConflict((oc) => oc.column("date").doUpdateSet(row))
    .execute();
}

export async function removeOverride(db: Db, date: string): Promise<boolean> {
  const r = await db
    .deleteFrom("special_day")
    .where("date", "=", date)
    .where("origin", "=", "override")
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listSpecialDays(db: Db, year?: number) {
  let q = db.selectFrom("special_day").selectAll().orderBy("date");
  if (year) q = q.where("date", ">=", `${year}-01-01`).where("date", "<=", `${year}-12-31`);
  return q.execute();
}

/** The calendar as the database holds it: bundled days, projections for missing years, overrides. */
export async function loadCalendar(
  db: Db,
  sessions?: { start: string; end: string }[],
): Promise<WorkCalendar> {
  const rows = await listSpecialDays(db);
  const toDay = (r: (typeof rows)[number]): SpecialDay => ({
    date: r.date,
    working: r.working,
    kind: r.kind as SpecialDay["kind"],
    nameVi: r.name_vi,
    nameEn: r.name_en,
    confidence: r.confidence,
    source: r.source,
  });
  const dataDays = rows.filter((r) => r.origin === "data").map(toDay);
  const overrides = rows.filter((r) => r.origin === "override").map(toDay);
  const version = `db-${rows.length}-${overrides.length}`;
  return new WorkCalendar(
    buildCalendarConfig({ dataDays, overrides, ...(sessions ? { sessions } : {}), version }),
  );
}

function toRow(d: SpecialDay, origin: "data" | "override") {
  return {
    date: d.date,
    working: d.working,
    kind: d.kind,
    name_vi: d.nameVi,
    name_en: d.nameEn,
    confidence: d.confidence,
    source: d.source,
    origin,
  };
}
