import { Piscina } from "piscina";
import type { Rejection } from "./file-checks.ts";

// One thread: the machine's other core serves requests. A PDF that takes longer than this, or
// more memory than this, to parse is refused rather than waited for.
const TIMEOUT_MS = 20_000;
const HEAP_MB = 512;
const QUEUE = 32;

let pool: Piscina | null = null;

export class PdfChecksBusy extends Error {}

/** The PDF's hazards (file-checks.ts pdfHazards), parsed in a worker thread from the file at path. */
export async function checkPdfOffThread(path: string, timeoutMs = TIMEOUT_MS): Promise<Rejection | null> {
  pool ??= new Piscina({
    filename: new URL("./pdf-check.worker-entry.mjs", import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 30_000,
    maxQueue: QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  if (pool.queueSize >= QUEUE) throw new PdfChecksBusy();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return (await pool.run({ path }, { signal })) as Rejection | null;
  } catch (e) {
    // Aborted (too slow) or the thread ran out of its heap: the file is too much to check.
    if (signal.aborted || (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
      return { code: "PDF_TOO_COMPLEX" };
    }
    throw e;
  }
}

export async function closePdfChecks(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
