import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

/**
 * Every route a caller may use without signing in, and why. Any other route in the API document
 * must answer 401 to an anonymous request, before its input is even read: a new endpoint is
 * either guarded or listed here on purpose.
 */
const PUBLIC: Record<string, string> = {
  "GET /api/v1/health": "liveness for load balancers",
  "GET /api/v1/procedures": "the public catalogue",
  "GET /api/v1/procedures/{code}": "the public catalogue",
  "GET /api/v1/units": "administrative units",
  "GET /api/v1/units/{code}": "administrative units",
  "GET /api/v1/agencies": "the agency tree (public pages pick an agency)",
  "GET /api/v1/calendar/due": "due-date calculator",
  "GET /api/v1/calendar/days": "the holiday calendar",
  "GET /api/v1/identity/{number}": "decodes a CCCD's structure; no lookup",
  "POST /api/v1/auth/login": "sign-in (rate-limited, lockout)",
  "GET /api/v1/public/dossiers/{code}": "tracking by code + PIN (rate-limited)",
  "POST /api/v1/public/dossiers/{code}/payments": "the applicant pays, with the PIN",
  "GET /api/v1/payments/return": "PayGov's redirect back, checksummed",
  "GET /api/v1/files/{id}": "signed, expiring links for DVCQG",
  "GET /api/v1/citizen/login": "VNeID sign-in",
  "GET /api/v1/citizen/callback": "VNeID sign-in",
  "GET /api/v1/verify/{id}": "verification of an electronic result (QR)",
  "POST /api/v1/verify": "verification of an uploaded result",
  "GET /api/v1/kpi/indicators": "the public scorecard (aggregates)",
  "GET /api/v1/kpi/procedures-without-demand": "the public scorecard (aggregates)",
  "GET /api/v1/kpi/scorecard": "the public scorecard (aggregates)",
  "GET /api/v1/kpi/rankings": "the public scorecard (aggregates)",
  "GET /api/v1/kpi/trend": "the public scorecard (aggregates)",
  "POST /api/v1/public/feedback": "PAKN from the public page (rate-limited)",
  "GET /api/v1/public/feedback/{code}": "the submitter reads the answer with the PIN",
  "POST /api/v1/public/feedback/{code}/{decision}": "the submitter closes or reopens with the PIN",
  "GET /api/v1/public/feedback-answers": "published answers, no submitter",
  "POST /api/v1/public/dossiers/{code}/rating": "the applicant rates with the PIN",
};

const { db } = await freshDatabase();
const t = await testApp(db);
await t.app.ready();
const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
);

describe("what answers without signing in", () => {
  it("the list names only real routes", () => {
    for (const key of Object.keys(PUBLIC)) expect(routes, key).toContain(key);
  });

  it.each(routes)("%s", async (route) => {
    const [method, path] = route.split(" ") as ["GET", string];
    const r = await t.app.inject({
      method,
      url: path.replace(/\{[^}]+\}/g, "x"),
      payload: method === "GET" ? undefined : {},
    });
    if (PUBLIC[route]) expect(r.statusCode).not.toBe(401);
    else
      expect(r.statusCode, `${route} answered an anonymous caller; guard it or list it in PUBLIC`).toBe(401);
  });
});
