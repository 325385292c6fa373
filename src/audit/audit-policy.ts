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

/** Whether a finished request goes into the audit log, and as what. */
export function auditKind(
  method: string,
  pattern: string,
  status: number,
): "change" | "personal-read" | null {
  if (status >= 400 || !pattern) return null;
  if (WRITES.has(method)) return "change";
  if (PERSONAL_DATA_READS[`${method} ${pattern}`]) return "personal-read";
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
