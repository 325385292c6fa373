import fc from "fast-check";

/** The JSON Schema keywords the API document uses (what zod emits for our routes). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Strings that have broken parsers and queries elsewhere: SQL, paths, control and odd Unicode. */
export const NASTY_STRINGS = [
  "",
  " ",
  "'; DROP TABLE dossier; --",
  '" OR 1=1 --',
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "Nguyễn Văn A\u0301",
  "<script>alert(1)</script>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  "${7*7}",
  "{{7*7}}",
  "-1",
  "1e309",
  "NaN",
  "9".repeat(400),
  "a".repeat(70_000),
  "2026-02-30",
  "0000-00-00",
  "true",
  "null",
];

const nasty = fc.constantFrom(...NASTY_STRINGS);

/** Values that match a schema most of the time, so requests get past validation into the handlers. */
export function valid(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => valid(a, depth + 1)));
  if (s.allOf?.[0]) return valid(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "string":
      return stringOf(s);
    case "integer":
      return fc.integer({ min: lower(s, -1_000_000), max: s.maximum ?? 1_000_000 });
    case "number":
      return fc.double({ min: lower(s, -1e6), max: s.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(valid(s.items, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case "object":
      return objectOf(s, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const lower = (s: JsonSchema, fallback: number) =>
  s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : fallback);

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 10_000));
    } catch {
      // a pattern fast-check cannot invert: fall through to plain strings
    }
  }
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 40));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength, unit: "grapheme" }) },
    { weight: 1, arbitrary: nasty },
  );
}

function objectOf(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const record = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valid(v, depth + 1)]));
  if (Object.keys(props).length === 0)
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

/** A request body or parameter set broken in one of the ways clients break them. */
export function malformed(s: JsonSchema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    nasty,
    fc.constant(null),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    // A valid value with one field of the wrong type, or an unknown field.
    valid(s).chain((v) =>
      v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length
        ? fc
            .tuple(fc.constantFrom(...Object.keys(v)), fc.oneof(fc.jsonValue({ maxDepth: 1 }), nasty))
            .map(([k, bad]) => ({ ...(v as object), [k]: bad }))
        : fc.constant({ ...(v as object), unexpectedField: "x" }),
    ),
    valid(s).map((v) =>
      v && typeof v === "object" && !Array.isArray(v) ? { ...v, __proto__x: 1, zz: "extra" } : v,
    ),
  );
}
