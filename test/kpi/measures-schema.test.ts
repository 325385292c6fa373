import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { MEASURES } from "../../src/casework/kpi-facts/measures.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

describe("the aggregate tables and the measure list", () => {
  it("every grain has exactly the measures the code counts (the migration writes them out)", async () => {
    for (const table of ["kpi_daily", "kpi_agency_day", "kpi_agency_month"]) {
      const cols = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns
        WHERE table_name = ${table} AND data_type = 'bigint' ORDER BY ordinal_position`.execute(db);
      expect(
        cols.rows.map((c) => c.column_name),
        table,
      ).toEqual([...MEASURES]);
    }
  });
});
