import { describe, expect, it } from "vitest";
import { ensureDemoSteering } from "../../src/app/bootstrap/demo-data.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { steeringSummary } from "../../src/oversight/steering/steering-summary.service.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();

describe("the demo's steering registers", () => {
  it("are made once through the services, marked synthetic, with journals and reminders", async () => {
    const deployment = loadDeployment("ninh-binh");
    await ensureDemoSteering(db, deployment, () => {});
    await ensureDemoSteering(db, deployment, () => {});
    const count = async (table: "regulation" | "inspection_finding" | "reform_task") =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect([
      await count("regulation"),
      await count("inspection_finding"),
      await count("reform_task"),
    ]).toEqual([8, 3, 8]);
    const today = new Date().toISOString().slice(0, 10);
    const s = await steeringSummary(db, { from: "2026-01-01", to: today }, new Date());
    expect(s.syntheticItems).toBe(8 + 1 + 8);
    expect(s.regulations.overdue).toBe(3); // 75 and 12 days past in drafting, 40 days past submitted
    expect(s.findings).toMatchObject({ total: 3, remedied: 1 });
    expect(s.tasks.every((t) => t.total > 0)).toBe(true);
    const journal = await db
      .selectFrom("steering_event")
      .select(db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(journal.n)).toBeGreaterThan(30);
    const reminders = await db.selectFrom("steering_reminder").select("kind").execute();
    expect(reminders.map((r) => r.kind)).toContain("overdue");
  });
});
