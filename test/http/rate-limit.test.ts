import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db, undefined, undefined, { officialPerMinute: 5, addressPerMinute: 8 });

describe("per-caller rate limits", () => {
  it("limit each official, whatever their sessions, and leave other officials alone", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.call("GET", "/api/v1/inbox", { as: "desk" })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await t.call("GET", "/api/v1/inbox", { as: "desk" });
    expect([r.status, r.body.error.code]).toEqual([429, "RATE_LIMITED"]);
    expect(r.body.error.message).toContain("thử quá nhiều lần");
    expect((await t.call("GET", "/api/v1/inbox", { as: "specialist" })).status).toBe(200);
  });

  it("limit anonymous callers by address", async () => {
    const statuses: number[] = [];
    // From an address of its own: the sign-ins above count against 127.0.0.1's anonymous budget.
    for (let i = 0; i < 9; i++) {
      const r = await t.app.inject({
        method: "GET",
        url: "/api/v1/procedures?q=ket%20hon",
        remoteAddress: "10.9.9.9",
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
  });
});
