import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/settings.ts";
import { trustedProxies } from "../../src/kernel/http/http.settings.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

// Behind the province's reverse proxy every request comes from the proxy's address. Unless the
// proxy is trusted, one guesser's wrong PINs would slow every citizen of the province.
const { db } = await freshDatabase();
const serverWith = async (trustProxy?: string[]) =>
  (await testApp(db, undefined, undefined, undefined, trustProxy ? { trustProxy } : {})).app;
const PROXY = "10.20.0.7";
const track = (app: Awaited<ReturnType<typeof serverWith>>, citizen: string, code: string) =>
  app.inject({
    method: "GET",
    url: `/api/v1/public/dossiers/${code}?pin=123456`,
    remoteAddress: PROXY,
    headers: { "x-forwarded-for": citizen },
  });

describe("MOTCUA_TRUST_PROXY", () => {
  it("parses a list of proxies, and nothing when unset", () => {
    const base = loadConfig({});
    expect(trustedProxies(base)).toBeUndefined();
    expect(trustedProxies(loadConfig({ MOTCUA_TRUST_PROXY: "10.20.0.7, 10.21.0.0/16" }))).toEqual([
      "10.20.0.7",
      "10.21.0.0/16",
    ]);
    expect(() => loadConfig({ MOTCUA_TRUST_PROXY: "10.20.0.7; rm -rf" })).toThrow();
  });

  it("behind a trusted proxy, one citizen's wrong PINs do not slow another's", async () => {
    const app = await serverWith([PROXY]);
    for (let i = 0; i < 12; i++) await track(app, "203.0.113.9", `KHONG-CO-${i}`);
    expect((await track(app, "203.0.113.9", "KHONG-CO-99")).statusCode).toBe(429);
    expect((await track(app, "198.51.100.4", "KHONG-CO-100")).statusCode).toBe(404);
  });

  it("without it, the forwarded address is ignored: a sender cannot pick its own budget", async () => {
    const app = await serverWith();
    for (let i = 0; i < 12; i++) await track(app, `192.0.2.${i}`, `KHONG-CO-A${i}`);
    expect((await track(app, "192.0.2.200", "KHONG-CO-A99")).statusCode).toBe(429);
  });
});
