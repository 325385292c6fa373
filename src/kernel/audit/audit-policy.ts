import { createHash } from "node:crypto";
import { maskIdNumber } from "../common/mask.ts";

// What the audit log records (pure): every change made through the API, and the reads that show
// personal data, each with why (the purpose an official gives, or the kind of read).

/** Reads that show a person's data: route pattern → what is read (Decree 13/2023 spirit). */
export const PERSONAL_DATA_READS: Record<string, string> = {
  "GET /api/v1/dossiers/:code": "dossier detail (applicant identity, contact)",
  "GET /api/v1/dossiers/:code/history": "dossier journal",
  "GET /api/v1/dossiers/:code/trail": "dossier trail",
  "GET /api/v1/dossiers/:code/files": "dossier files list",
  "GET /api/v1/dossiers/:code/forms/:file": "dossier form (PDF with applicant data)",
  "GET /api/v1/files/:id": "file download",
  "GET /api/v1/population/citizens/:idNumber": "population database lookup",
  "GET /api/v1/citizens/:owner/documents": "a citizen's document store",
  "GET /api/v1/registers/07.pdf": "reception register (applicants' names)",
  "GET /api/v1/inbox": "work queue (applicants' names)",
  "GET /api/v1/kpi/dossiers": "dossiers behind an indicator (applicants' names)",
  "GET /api/v1/kpi/report": "periodic report export (named overdue dossiers)",
};

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Reception: a refused or failed one is recorded too (who tried to file what, and why it failed). */
const RECEPTION = "POST /api/v1/dossiers";

/** Public routes that take a code and its PIN: citizens' tracking, payment, rating, PAKN answers. */
export const PIN_ROUTES: ReadonlySet<string> = new Set([
  "GET /api/v1/public/dossiers/:code",
  "POST /api/v1/public/dossiers/:code/payments",
  "POST /api/v1/public/dossiers/:code/rating",
  "GET /api/v1/public/feedback/:code",
  "POST /api/v1/public/feedback/:code/:decision",
]);

export type AuditKind = "change" | "personal-read" | "denied" | "failed-reception" | "pin-failure";

/**
 * Whether a finished request goes into the audit log, and as what: successful changes and
 * personal-data reads; refusals (403/404) on dossier and personal-data routes; failed receptions;
 * wrong codes or PINs (404) and throttled guessing (429) on the PIN routes.
 */
export function auditKind(
  method: string,
  pattern: string,
  status: number,
  dossierRoute = false,
): AuditKind | null {
  if (!pattern) return null;
  const key = `${method} ${pattern}`;
  if (status < 400) {
    if (WRITES.has(method)) return "change";
    return PERSONAL_DATA_READS[key] ? "personal-read" : null;
  }
  if (key === RECEPTION) return "failed-reception";
  if (PIN_ROUTES.has(key)) return status === 404 || status === 429 ? "pin-failure" : null;
  if ((status === 403 || status === 404) && (dossierRoute || PERSONAL_DATA_READS[key])) return "denied";
  return null;
}

/** The object a route acts on: its first path segment, and its first parameter (identity numbers masked). */
export function auditObject(
  pattern: string,
  params: Record<string, string>,
): { objectType: string; objectId: string; idHash?: string } {
  const objectType = pattern.replace(/^\/api\/v1\//, "").split("/")[0] ?? "";
  const first = Object.entries(params)[0];
  if (!first) return { objectType, objectId: "" };
  const [name, value] = first;
  // Whose record was looked up stays findable (hash the known number) without being readable.
  if (name === "idNumber" || name === "owner") {
    return {
      objectType,
      objectId: maskIdNumber(value),
      idHash: createHash("sha256").update(value).digest("hex"),
    };
  }
  return { objectType, objectId: value };
}
