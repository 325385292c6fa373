import { describe, expect, it } from "vitest";
import { ACCESS_TABLE, type RouteAccess } from "../../src/app/access/access-table.ts";
import type { Role } from "../../src/reference/processes/process.types.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

/**
 * The permission matrix (ma trận phân quyền), generated from the API document and the access
 * table: every role × every route, and for routes that read dossiers or lists of them, every role
 * × own / child / parent / other unit. The expectations of the unit columns are written out here,
 * independently of the code: province-wide readers see all four, those who steer see their
 * agency and what sits under it, everyone else their own agency.
 */
const ROLES: Role[] = ["desk", "specialist", "head", "leader", "clerk", "admin", "supervisor"];
const OWN = "DEMO.37.STC"; // Sở Tài chính: where every matrix official sits
const UNITS = {
  own: OWN,
  child: "DEMO.37.STC.DKKD", // Phòng Đăng ký kinh doanh, under the department
  parent: "DEMO.37.UBND", // the provincial committee above it
  other: "DEMO.37.SXD", // a sibling department
} as const;
type Relation = keyof typeof UNITS;
const SEES: Record<Role, Relation[]> = {
  admin: ["own", "child", "parent", "other"],
  supervisor: ["own", "child", "parent", "other"],
  leader: ["own", "child"],
  head: ["own", "child"],
  desk: ["own"],
  specialist: ["own"],
  clerk: ["own"],
};

const { db } = await freshDatabase();
const t = await testApp(db);
await t.app.ready();
const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
);

// One official per role at the department; the demo desk receives a dossier for each unit.
const tokens: Record<string, string> = {};
for (const role of ROLES) {
  const username = `matrix.${role}`;
  const made = await t.call("POST", "/api/v1/officials", {
    as: "admin",
    body: {
      username,
      password: "matrix-password",
      fullName: `Ma trận ${role}`,
      agencyCode: OWN,
      roles: [role],
    },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  tokens[role] = (await t.signIn(username, "matrix-password")).authorization;
}
const component = await firstComponent(db);
const applicant = { kind: "individual", name: "Nguyễn Văn An", idNumber: "035085000123" };
const dossiers = {} as Record<Relation, string>;
for (const [relation, agency] of Object.entries(UNITS) as [Relation, string][]) {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: { ...receptionBody(component, applicant), handlingAgency: agency },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  dossiers[relation] = r.body.code;
}

async function send(route: string, auth: string | null, fill: (param: string) => string, query = "") {
  const [method, path] = route.split(" ") as ["GET", string];
  const r = await t.app.inject({
    method,
    url: path.replace(/\{([^}]+)\}/g, (_, p: string) => fill(p)) + query,
    headers: auth ? { authorization: auth } : {},
    payload: method === "GET" || method === "DELETE" ? undefined : {},
  });
  return {
    status: r.statusCode,
    code: r.headers["content-type"]?.toString().includes("json") ? r.json()?.error?.code : undefined,
    text: r.body,
  };
}
const roleAllowed = (a: RouteAccess, role: Role) => typeof a.who !== "string" && a.who.includes(role);

describe("the access table", () => {
  it("has a rule for every route in the API document, and no rule for a route that does not exist", () => {
    expect(routes.filter((r) => !ACCESS_TABLE[r])).toEqual([]);
    expect(Object.keys(ACCESS_TABLE).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it("says why each public or citizen route is open", () => {
    for (const [k, a] of Object.entries(ACCESS_TABLE))
      if (typeof a.who === "string") expect(a.why, k).toBeTruthy();
  });
});

describe("every role × every route", () => {
  it.each(routes)("%s", async (route) => {
    const access = ACCESS_TABLE[route] as RouteAccess;
    const anonymous = await send(route, null, () => "x");
    if (access.who === "public") {
      expect(anonymous.status, "a public route refused an anonymous caller").not.toBe(401);
      return;
    }
    expect(anonymous.status, "answered an anonymous caller").toBe(401);
    for (const role of ROLES) {
      const r = await send(route, tokens[role] as string, () => "x");
      if (access.who === "citizen") expect([role, r.status]).toEqual([role, 401]);
      else if (roleAllowed(access, role)) {
        expect([role, r.status, r.code]).not.toEqual([role, 403, "ROLE_REQUIRED"]);
        expect([role, r.status]).not.toEqual([role, 401]);
      } else expect([role, r.status, r.code]).toEqual([role, 403, "ROLE_REQUIRED"]);
    }
  });
});

const NO_SUCH = "2603-KHONG-CO";
const dossierRoutes = routes.filter((r) => ACCESS_TABLE[r]?.scope === "dossier");

describe("every role × every dossier route × own / child / parent / other unit", () => {
  it("covers the dossier routes", () => expect(dossierRoutes.length).toBeGreaterThanOrEqual(9));

  it.each(dossierRoutes)("%s", async (route) => {
    const access = ACCESS_TABLE[route] as RouteAccess;
    for (const role of ROLES.filter((r) => roleAllowed(access, r))) {
      // Another unit's dossier answers exactly as a code that does not exist (the code aside).
      const unknown = await send(route, tokens[role] as string, (p) => (p === "code" ? NO_SUCH : "x"));
      expect(unknown.status).toBe(404);
      for (const relation of Object.keys(UNITS) as Relation[]) {
        const code = dossiers[relation];
        const r = await send(route, tokens[role] as string, (p) => (p === "code" ? code : "x"));
        if (SEES[role].includes(relation)) {
          expect(r.status, `${role} on the ${relation} unit's dossier`).not.toBe(404);
        } else
          expect([role, relation, r.status, r.text.replaceAll(code, "•")]).toEqual([
            role,
            relation,
            unknown.status,
            unknown.text.replaceAll(NO_SUCH, "•"),
          ]);
      }
    }
  });
});

/** Queries that make a list route answer with the fixture dossiers in it. */
const LIST_QUERY: Record<string, string> = {
  "GET /api/v1/kpi/dossiers": "?from=2026-03-01&to=2026-03-31&figure=r_total",
  "GET /api/v1/registers/07.pdf": "?from=2026-03-01&to=2026-03-31&reason=matrix",
};
const listRoutes = routes.filter((r) => ACCESS_TABLE[r]?.scope === "jurisdiction");

describe("every role × every list filtered by jurisdiction", () => {
  it.each(listRoutes)("%s names no dossier outside the reader's units", async (route) => {
    const access = ACCESS_TABLE[route] as RouteAccess;
    for (const role of ROLES.filter((r) => roleAllowed(access, r))) {
      const r = await send(route, tokens[role] as string, () => "x", LIST_QUERY[route] ?? "");
      expect([role, r.status]).toEqual([role, 200]);
      for (const relation of Object.keys(UNITS) as Relation[]) {
        if (!SEES[role].includes(relation))
          expect(r.text, `${role} sees ${relation}`).not.toContain(dossiers[relation]);
      }
    }
  });

  it("the overview and the indicators' drill-down list exactly the units each role sees", async () => {
    for (const route of ["GET /api/v1/overview/dossiers", "GET /api/v1/kpi/dossiers"]) {
      for (const role of ["leader", "head", "admin", "supervisor"] as Role[]) {
        const r = await send(route, tokens[role] as string, () => "x", LIST_QUERY[route] ?? "");
        const seen = (Object.keys(UNITS) as Relation[]).filter((u) => r.text.includes(dossiers[u]));
        expect([route, role, seen]).toEqual([route, role, SEES[role]]);
      }
    }
  });

  it("an agency's register (form 07) only for agencies within reach", async () => {
    for (const role of ROLES) {
      for (const [relation, agency] of Object.entries(UNITS) as [Relation, string][]) {
        const r = await send(
          "GET /api/v1/registers/07.pdf",
          tokens[role] as string,
          () => "x",
          `?from=2026-03-01&to=2026-03-31&agency=${agency}&reason=matrix`,
        );
        expect([role, relation, r.status]).toEqual([
          role,
          relation,
          SEES[role].includes(relation) ? 200 : 403,
        ]);
      }
    }
  });
});
