import { afterAll, describe, expect, it } from "vitest";
import { VneidClient } from "../../src/adapters/vneid/vneid.client.ts";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { startVneidStandin } from "../../src/tools/standins/vneid.standin.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const CALLBACK = "http://127.0.0.1:3000/api/v1/citizen/callback";
const vneid = await startVneidStandin({
  port: 0,
  clientId: "motcua",
  clientSecret: "s3cret-s3cret",
  redirectUris: [CALLBACK],
});
afterAll(() => vneid.close());
const client = new VneidClient({
  issuer: vneid.issuer,
  clientId: "motcua",
  clientSecret: "s3cret-s3cret",
  redirectUri: CALLBACK,
});
const t = await testApp(db, "2026-03-09T08:00:00+07:00", { vneid: client });
const person = syntheticPerson(99);

/** A browser's walk through VNeID's pages: follows redirects by hand, keeping VNeID's cookies. */
async function signInAtVneid(start: string, cccd: string): Promise<string> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = (pair ?? "").split("=");
      if (k) jar.set(k, v.join("="));
    }
    return res;
  };
  let res = await go(start);
  let location = new URL(res.headers.get("location") ?? "", start).href;
  for (let hops = 0; hops < 10 && !location.startsWith(CALLBACK); hops++) {
    if (/\/interaction\/[\w-]+$/.test(location)) {
      res = await go(location, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ cccd, password: "demo" }).toString(),
      });
    } else {
      res = await go(location);
    }
    location = new URL(res.headers.get("location") ?? "", location).href;
  }
  return location;
}

describe("VNeID sign-in for citizens (OpenID Connect)", () => {
  it("signs a citizen in, records the verified identity when they track, and lists their own dossiers", async () => {
    const login = await t.app.inject({ method: "GET", url: "/api/v1/citizen/login" });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toContain(vneid.issuer);
    const back = await signInAtVneid(String(login.headers.location), person.idNumber);
    expect(back.startsWith(CALLBACK)).toBe(true);
    const cb = await t.app.inject({ method: "GET", url: back.slice("http://127.0.0.1:3000".length) });
    expect(cb.statusCode, cb.body).toBe(302);
    const cookie = String(cb.headers["set-cookie"]).split(";")[0] as string;
    expect(cookie).toMatch(/^motcua_citizen=/);
    expect(String(cb.headers["set-cookie"])).toContain("HttpOnly");

    const me = await t.app.inject({ method: "GET", url: "/api/v1/citizen/me", headers: { cookie } });
    expect(me.json()).toMatchObject({ name: person.name, level: 2 });
    expect(me.json().idNumber).not.toBe(person.idNumber);

    const procedure = "1.000894";
    const component = await firstComponent(db);
    const d = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: {
        procedureCode: procedure,
        channel: 1,
        applicant: { kind: "individual", name: person.name, idNumber: person.idNumber },
        submission: { by: "applicant" },
        components: [{ name: component }],
        outcome: "accept",
      },
    });
    const mine = await t.app.inject({ method: "GET", url: "/api/v1/citizen/dossiers", headers: { cookie } });
    expect(mine.json().items.map((i: { code: string }) => i.code)).toEqual([d.body.code]);
    const track = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/dossiers/${d.body.code}?pin=${d.body.pin}`,
      headers: { cookie },
    });
    expect(track.statusCode).toBe(200);
    const tracked = await db.selectFrom("dossier_tracking").select("id_number").execute();
    expect(tracked.map((r) => r.id_number)).toEqual([person.idNumber]);
  });

  it("a replayed or forged callback is refused with a Vietnamese message", async () => {
    const r = await t.app.inject({ method: "GET", url: "/api/v1/citizen/callback?code=abc&state=forged" });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe("VNEID_LOGIN_EXPIRED");
    const anon = await t.app.inject({ method: "GET", url: "/api/v1/citizen/dossiers" });
    expect(anon.statusCode).toBe(401);
  });
});
