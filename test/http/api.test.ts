import type { FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/app/server.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { loadCalendar } from "../../src/reference/calendar/calendar.repository.ts";
import { freshDatabase } from "../support/database.ts";

const { db } = await freshDatabase();
const deployment = loadDeployment("ninh-binh");
const app: FastifyInstance = await buildServer({
  db,
  deployment,
  calendar: () => loadCalendar(db, deployment.calendar.sessions),
  now: () => new Date(),
});
afterAll(() => app.close());

const get = async (url: string) => {
  const r = await app.inject({ method: "GET", url });
  return { status: r.statusCode, body: r.json() };
};

describe("HTTP API v1", () => {
  it("reports health with the database reachable", async () => {
    expect(await get("/api/v1/health")).toEqual({
      status: 200,
      body: {
        status: "ok",
        database: "ok",
        deployment: "ninh-binh",
        auditChain: expect.objectContaining({ status: "ok" }),
      },
    });
  });

  it("searches procedures without diacritics", async () => {
    const r = await get("/api/v1/procedures?q=ket%20hon&limit=3");
    expect(r.status).toBe(200);
    expect(r.body.items[0].name).toBe("Thủ tục đăng ký kết hôn");
  });

  it("shows one procedure and answers 404 / 400 with a Vietnamese message for unknown or bad codes", async () => {
    expect((await get("/api/v1/procedures/1.001193")).body.name).toBe("Thủ tục đăng ký khai sinh");
    const missing = await get("/api/v1/procedures/9.999999");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: "PROCEDURE_NOT_FOUND",
      message: expect.stringContaining("Không có thủ tục"),
    });
    expect((await get("/api/v1/procedures/abc")).status).toBe(400);
  });

  it("gives a unit with its successors and predecessors", async () => {
    const r = await get("/api/v1/units/13285");
    const old = r.body.items.find((u: { era: string }) => u.era === "pre2025");
    expect(old.successors.map((s: { code: string }) => s.code)).toEqual(["13285", "13366"]);
  });

  it("computes a due date with its explanation, like the CLI", async () => {
    const r = await get("/api/v1/calendar/due?received=2026-01-09T09:00:00%2B07:00&duration=1d");
    expect(r.body.dueAt).toBe("2026-01-10T09:00:00+07:00");
    expect(r.body.explanation.at(-1).code).toBe("due");
  });

  it("answers 400, never 500, for malformed dates, durations and identity numbers", async () => {
    for (const url of [
      "/api/v1/calendar/due?received=2026-02-30T10:00&duration=1d",
      "/api/v1/calendar/due?received=yesterday&duration=1d",
      "/api/v1/calendar/due?received=2026-01-09T09:00&duration=-2d",
      "/api/v1/calendar/due?received=2026-01-09T09:00&sameDay=true&cutoff=25:00",
      "/api/v1/calendar/due",
      "/api/v1/identity/12345",
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.error.code, url).toMatch(/^[A-Z_]+$/);
      expect(r.body.error.message, url).toBeTruthy();
    }
  });

  it("lists the agency tree: the province, its departments and a committee and desk per commune", async () => {
    const top = await get("/api/v1/agencies");
    expect(top.body.items.map((a: { code: string }) => a.code)).toEqual(["DEMO.37.UBND"]);
    const children = await get("/api/v1/agencies?parent=DEMO.37.UBND&limit=500");
    const communes = children.body.items.filter((a: { kind: string }) => a.kind === "commune-committee");
    const units = await db
      .selectFrom("admin_unit")
      .select(db.fn.countAll<string>().as("n"))
      .where("era", "=", "post2025")
      .where("level", "=", "commune")
      .where("province_code", "=", "37")
      .executeTakeFirstOrThrow();
    expect(communes.length).toBe(Number(units.n));
    expect(children.body.items.every((a: { isDemo: boolean }) => a.isDemo)).toBe(true);
  });

  it("publishes the OpenAPI document with every route", async () => {
    const r = await app.inject({ method: "GET", url: "/docs/json" });
    const paths = Object.keys(r.json().paths);
    for (const p of [
      "/api/v1/health",
      "/api/v1/procedures",
      "/api/v1/procedures/{code}",
      "/api/v1/units/{code}",
      "/api/v1/calendar/due",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it("serves the web app: the shell for app routes (even with dots), JSON 404s for the API, cached assets", async () => {
    const html = { accept: "text/html,application/xhtml+xml" };
    const home = await app.inject({ method: "GET", url: "/", headers: html });
    expect(home.headers["content-type"]).toContain("text/html");
    expect(home.body).toContain('<div id="root">');
    expect(home.headers["cache-control"]).toBe("no-cache");
    const deep = await app.inject({ method: "GET", url: "/tiep-nhan/1.000894", headers: html });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    const api = await app.inject({ method: "GET", url: "/api/v1/nope", headers: html });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("NOT_FOUND");
    expect((await app.inject({ method: "GET", url: "/assets/missing.js", headers: html })).statusCode).toBe(
      404,
    );
    const asset = home.body.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] ?? "";
    const js = await app.inject({ method: "GET", url: asset });
    expect(js.statusCode).toBe(200);
    expect(js.headers["cache-control"]).toContain("immutable");
  });
});
