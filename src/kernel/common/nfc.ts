/**
 * Every string of a value in Unicode NFC, as a copy: Vietnamese text arrives both composed and
 * decomposed (some keyboards and crawled pages), and the two forms must be the same text for
 * search, matching and unique keys. The API's entry does the same in place (http/input-guard.ts).
 */
export function nfcDeep<T>(v: T): T {
  if (typeof v === "string") return v.normalize("NFC") as T;
  if (Array.isArray(v)) return v.map(nfcDeep) as T;
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.normalize("NFC"), nfcDeep(x)])) as T;
  }
  return v;
}
