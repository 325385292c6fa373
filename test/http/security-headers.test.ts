import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const t = await testApp(db);

describe("security headers", () => {
  it("every answer forbids framing, sniffing and scripts from elsewhere", async () => {
    for (const url of ["/api/v1/health", "/api/v1/procedures?limit=1", "/docs/json"]) {
      const r = await t.app.inject({ method: "GET", url });
      expect(r.statusCode, url).toBe(200);
      const csp = String(r.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'self' blob:");
      expect(csp).not.toContain("upgrade-insecure-requests");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(r.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("errors carry no stack trace", async () => {
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
