import { readFile } from "node:fs/promises";
import { pdfHazards, type Rejection } from "./file-checks.ts";

// pdf-lib writes a warning for every unreadable object; in this thread they would only be noise.
console.warn = () => {};

/** Runs in a worker thread (pdf-check.pool.ts): the parse of a big PDF never stalls the server. */
export default async function checkPdf({ path }: { path: string }): Promise<Rejection | null> {
  return pdfHazards(await readFile(path));
}
