import { describe, expect, it } from "vitest";
import { readHolidaysCsv } from "../../src/reference/calendar/calendar.loader.ts";
import { buildCalendarConfig, holidaysFromCsv } from "../../src/reference/calendar/holidays.ts";
import { epochDayOf } from "../../src/reference/calendar/local-time.ts";
import { projectedHolidays, tetDate } from "../../src/reference/calendar/lunar.ts";
import { WorkCalendar } from "../../src/reference/calendar/work-calendar.ts";

describe("the Vietnamese lunar calendar (UTC+7)", () => {
  it("puts Tết 2007 on 17 Feb, not China's 18 Feb", () => {
    expect(tetDate(2007)).toBe("2007-02-17");
  });

  it("gives Tết 2024, 2025 and 2026 right", () => {
    expect(tetDate(2024)).toBe("2024-02-10");
    expect(tetDate(2025)).toBe("2025-01-29");
    expect(tetDate(2026)).toBe("2026-02-17");
  });

  it("projects a year the data does not cover, marked as projected", () => {
    const days = projectedHolidays(2028);
    expect(days.every((d) => d.kind === "projected")).toBe(true);
    expect(days.map((d) => d.date)).toContain("2028-01-26"); // Mùng 1 Tết 2028
    expect(days.find((d) => d.date === "2028-04-04")?.nameVi).toContain("Giỗ Tổ");
  });

  it("data wins over projection: 2026 keeps the announced Tết window", () => {
    const config = buildCalendarConfig({ dataDays: holidaysFromCsv(readHolidaysCsv()) });
    const tet2026 = config.specialDays.filter((d) => d.date.startsWith("2026-02"));
    expect(tet2026.every((d) => d.kind !== "projected")).toBe(true);
    // 2027's Tết window is not announced yet: the projection fills it.
    const cal = new WorkCalendar(config);
    expect(cal.isWorkingDay(epochDayOf("2027-02-08"))).toBe(false);
    expect(cal.specialDay(epochDayOf("2027-02-08"))?.kind).toBe("projected");
  });

  it("an administrator's override replaces the data", () => {
    const config = buildCalendarConfig({
      dataDays: holidaysFromCsv(readHolidaysCsv()),
      overrides: [
        {
          date: "2026-11-24",
          working: false,
          kind: "override",
          nameVi: "Ngày Văn hóa Việt Nam",
          nameEn: "Vietnam Culture Day",
          confidence: "confirmed",
          source: "test",
        },
      ],
    });
    const cal = new WorkCalendar(config);
    expect(cal.isWorkingDay(epochDayOf("2026-11-24"))).toBe(false);
    expect(
      new WorkCalendar(buildCalendarConfig({ dataDays: holidaysFromCsv(readHolidaysCsv()) })).isWorkingDay(
        epochDayOf("2026-11-24"),
      ),
    ).toBe(true);
  });
});
