import type { Role } from "../../reference/processes/process.types.ts";

/**
 * Who may call each route of the API, and how what they see is bounded (bảng phân quyền).
 * The access hook enforces `who` before a request's body is read; a route missing here stops the
 * server from starting, and the permission matrix test enumerates this table.
 */
export type Audience =
  | "public" // anyone, no sign-in
  | "citizen" // a VNeID session cookie (the route checks it)
  | readonly Role[]; // officials holding one of these roles

/** How what a caller sees is bounded once they are let in. */
export type Scope =
  | "none" // reference data, or a write whose rule is the roles above
  | "dossier" // {code} is a dossier: the hook checks the reader's jurisdiction before anything else
  | "jurisdiction" // a list filtered at the query by the reader's jurisdiction (jurisdiction.ts)
  | "rules" // a pure rules module decides per item (lifecycle, feedback-rules, steering-rules)
  | "steering" // steering registers: the agency's subtree, the province for admins and supervisors
  | "own"; // the caller's own: their session, their agency's work queue, their reminders

export interface RouteAccess {
  who: Audience;
  scope: Scope;
  /** Why a route is open to the public or to a citizen. */
  why?: string;
}

export const OFFICIALS: readonly Role[] = [
  "desk",
  "specialist",
  "head",
  "leader",
  "clerk",
  "admin",
  "supervisor",
];
/** Everyone who may act on a dossier; supervisors only read. */
export const ACTORS: readonly Role[] = OFFICIALS.filter((r) => r !== "supervisor");
/** Those who steer by the numbers. */
export const STEERING: readonly Role[] = ["leader", "head", "admin", "supervisor"];
export const ADMIN: readonly Role[] = ["admin"];

const open = (why: string): RouteAccess => ({ who: "public", scope: "none", why });
const officials = (scope: Scope, who: readonly Role[] = OFFICIALS): RouteAccess => ({ who, scope });

/** Keys are "METHOD path" as in the API document. */
export const ACCESS_TABLE: Record<string, RouteAccess> = {
  "GET /api/v1/health": open("liveness for load balancers"),
  "GET /health/live": open("liveness for the orchestrator: the process answers"),
  "GET /health/ready": open("readiness for load balancers: no personal data, only checks"),
  "GET /api/v1/procedures": open("the public catalogue"),
  "GET /api/v1/procedures/{code}": open("the public catalogue"),
  "GET /api/v1/units": open("administrative units"),
  "GET /api/v1/units/{code}": open("administrative units"),
  "GET /api/v1/agencies": open("the agency tree (public pages pick an agency)"),
  "GET /api/v1/calendar/due": open("due-date calculator"),
  "GET /api/v1/calendar/days": open("the holiday calendar"),
  "PUT /api/v1/calendar/days/{date}": officials("none", ADMIN),
  "DELETE /api/v1/calendar/days/{date}": officials("none", ADMIN),
  "GET /api/v1/identity/{number}": open("decodes a CCCD's structure; no lookup"),
  "POST /api/v1/auth/login": open("sign-in (rate-limited, lockout)"),
  "GET /api/v1/auth/me": officials("own"),
  "GET /api/v1/public/dossiers/{code}": open("tracking by code + PIN (rate-limited)"),
  "POST /api/v1/public/dossiers/{code}/payments": open("the applicant pays, with the PIN"),
  "POST /api/v1/public/dossiers/{code}/rating": open("the applicant rates with the PIN"),
  "GET /api/v1/payments/return": open("PayGov's redirect back, checksummed"),
  "GET /api/v1/files/{id}": open("signed, expiring links for DVCQG"),
  "GET /api/v1/citizen/login": open("VNeID sign-in"),
  "GET /api/v1/citizen/callback": open("VNeID sign-in"),
  "GET /api/v1/citizen/me": { who: "citizen", scope: "own", why: "the citizen's own session" },
  "GET /api/v1/citizen/dossiers": { who: "citizen", scope: "own", why: "the citizen's own dossiers" },
  "GET /api/v1/verify/{id}": open("verification of an electronic result (QR)"),
  "POST /api/v1/verify": open("verification of an uploaded result"),
  "POST /api/v1/dossiers": officials("none", ["desk"]),
  "GET /api/v1/dossiers/{code}": officials("dossier"),
  "GET /api/v1/dossiers/{code}/history": officials("dossier"),
  "GET /api/v1/dossiers/{code}/trail": officials("dossier"),
  "POST /api/v1/dossiers/{code}/actions": officials("dossier", ACTORS),
  "GET /api/v1/dossiers/{code}/forms/{file}": officials("dossier"),
  "POST /api/v1/dossiers/{code}/files": officials("dossier", ACTORS),
  "GET /api/v1/dossiers/{code}/files": officials("dossier"),
  "POST /api/v1/dossiers/{code}/files/{fileId}/certify": officials("dossier", ["desk", "clerk"]),
  "POST /api/v1/dossiers/{code}/rating": officials("dossier", ["desk"]),
  "GET /api/v1/inbox": officials("own"),
  "GET /api/v1/registers/07.pdf": officials("jurisdiction"),
  "GET /api/v1/procedures/{code}/process": officials("none"),
  "PUT /api/v1/procedures/{code}/process": officials("none", ADMIN),
  "GET /api/v1/deadlines/due-soon": officials("jurisdiction"),
  "POST /api/v1/deadlines/scan": officials("none", ADMIN),
  "GET /api/v1/integrations/status": officials("none"),
  "GET /api/v1/population/citizens/{idNumber}": officials("none", ["desk"]),
  "GET /api/v1/citizens/{owner}/documents": officials("none", ["desk", "specialist", "clerk"]),
  "GET /api/v1/overview": officials("jurisdiction", STEERING),
  "GET /api/v1/overview/dossiers": officials("jurisdiction", STEERING),
  "GET /api/v1/overview/responsibility": officials("jurisdiction", STEERING),
  "GET /api/v1/officials": officials("jurisdiction"),
  "POST /api/v1/officials": officials("none", ADMIN),
  "PATCH /api/v1/officials/{id}": officials("none", ADMIN),
  "GET /api/v1/kpi/indicators": open("the public scorecard (aggregates)"),
  "GET /api/v1/kpi/procedures-without-demand": open("the public scorecard (aggregates)"),
  "GET /api/v1/kpi/scorecard": open("the public scorecard (aggregates)"),
  "GET /api/v1/kpi/rankings": open("the public scorecard (aggregates)"),
  "GET /api/v1/kpi/trend": open("the public scorecard (aggregates)"),
  "GET /api/v1/kpi/dossiers": officials("jurisdiction", STEERING),
  "GET /api/v1/kpi/report": officials("none", STEERING),
  "POST /api/v1/public/feedback": open("PAKN from the public page (rate-limited)"),
  "GET /api/v1/public/feedback/{code}": open("the submitter reads the answer with the PIN"),
  "POST /api/v1/public/feedback/{code}/{decision}": open("the submitter closes or reopens with the PIN"),
  "GET /api/v1/public/feedback-answers": open("published answers, no submitter"),
  "GET /api/v1/feedback": officials("jurisdiction"),
  "POST /api/v1/feedback/{code}/actions": officials("rules", ACTORS),
  "GET /api/v1/steering/regulations": officials("steering"),
  "POST /api/v1/steering/regulations": officials("rules", ACTORS),
  "GET /api/v1/steering/regulations/{id}": officials("steering"),
  "POST /api/v1/steering/regulations/{id}/actions": officials("rules", ACTORS),
  "GET /api/v1/steering/inspections": officials("steering"),
  "POST /api/v1/steering/inspections": officials("rules", ACTORS),
  "POST /api/v1/steering/inspections/{id}/actions": officials("rules", ACTORS),
  "POST /api/v1/steering/inspections/{id}/findings": officials("rules", ACTORS),
  "GET /api/v1/steering/findings": officials("steering"),
  "POST /api/v1/steering/findings/{id}/actions": officials("rules", ACTORS),
  "GET /api/v1/steering/tasks": officials("steering"),
  "POST /api/v1/steering/tasks": officials("rules", ACTORS),
  "POST /api/v1/steering/tasks/{id}/actions": officials("rules", ACTORS),
  "GET /api/v1/steering/journal/{entity}/{id}": officials("steering", STEERING),
  "GET /api/v1/steering/reminders": officials("own"),
  "POST /api/v1/steering/reminders/{id}/read": officials("own"),
  "GET /api/v1/steering/summary": officials("none"), // counts only, for the periodic report
  "GET /api/v1/audit": officials("none", ["admin", "supervisor"]),
  "GET /api/v1/audit/verify": officials("none", ["admin", "supervisor"]),
};

/** A route's key in the table from Fastify's method and path ("/dossiers/:code" → "{code}"). */
export function accessKey(method: string, url: string): string {
  const m = method === "HEAD" ? "GET" : method;
  return `${m} ${url.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`;
}

/** Role names officials read in the refusal. */
export const ROLE_VI: Record<Role, string> = {
  desk: "cán bộ một cửa",
  specialist: "chuyên viên",
  head: "trưởng phòng",
  leader: "lãnh đạo",
  clerk: "văn thư",
  admin: "quản trị",
  supervisor: "giám sát CCHC",
};
