import type { FastifyInstance } from "fastify";
import { sendError } from "./errors.ts";
import { httpErrors } from "./http.errors.ts";

/** Format characters (zero-width space, joiners, BOM, bidi marks) and whitespace: nothing to read. */
const INVISIBLE = /^[\p{Cf}\p{Z}\s]*$/u;
const HAS_FORMAT = /\p{Cf}/u;

type Fault = "nul" | "invisible" | null;

/** A string's fault: a NUL (PostgreSQL text cannot store one), or only invisible characters. */
function faultOf(s: string): Fault {
  if (s.includes("\u0000")) return "nul";
  // Whitespace alone is left to each field's own rule (many trim); zero-width characters alone
  // are never a name, an address or a note.
  if (HAS_FORMAT.test(s) && INVISIBLE.test(s)) return "invisible";
  return null;
}

/**
 * Normalises every string of a parsed value to NFC in place, so that "Nguyễn" typed on a
 * decomposing keyboard (NFD) and on a composing one are the same text for search, matching and
 * unique keys; and reports the first fault found.
 */
export function normaliseInPlace(v: unknown, depth = 0): Fault {
  // Bytes (an upload's body) are not text: nothing to normalise, and a walk would be per byte.
  if (!v || typeof v !== "object" || depth > 32 || ArrayBuffer.isView(v) || v instanceof ArrayBuffer)
    return null;
  const entries: [string | number, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : Object.entries(v);
  for (const [k, x] of entries) {
    if (typeof k === "string" && k.includes("\u0000")) return "nul";
    if (typeof x === "string") {
      const fault = faultOf(x);
      if (fault) return fault;
      const nfc = x.normalize("NFC");
      if (nfc !== x) (v as Record<string | number, unknown>)[k] = nfc;
    } else {
      const fault = normaliseInPlace(x, depth + 1);
      if (fault) return fault;
    }
  }
  return null;
}

const refusals = { nul: httpErrors.nul, invisible: httpErrors.invisible };

/**
 * Every text that enters through the API is NFC; input the database would refuse later with an
 * internal error (a NUL, found by the fuzzer) or that only looks filled in (zero-width characters)
 * is refused here.
 */
export function registerInputGuard(app: FastifyInstance) {
  // Path and query before the access hook reads a dossier by its code; the body once parsed.
  app.addHook("onRequest", async (req, reply) => {
    const fault = normaliseInPlace(req.params) ?? normaliseInPlace(req.query);
    if (fault) return sendError(reply, refusals[fault]());
  });
  app.addHook("preValidation", async (req, reply) => {
    const fault = typeof req.body === "string" ? faultOf(req.body) : normaliseInPlace(req.body);
    if (fault) return sendError(reply, refusals[fault]());
    if (typeof req.body === "string") req.body = req.body.normalize("NFC");
  });
}
