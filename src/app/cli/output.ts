import type { AppError } from "../../kernel/common/app-error.ts";

/** Prints JSON for programs (--json) or text for people, and fails with the error's message. */
export function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export function fail(json: boolean, e: AppError): never {
  if (json) process.stdout.write(`${JSON.stringify({ error: e }, null, 2)}\n`);
  else process.stderr.write(`Lỗi [${e.code}]: ${e.message}\n`);
  process.exit(e.status >= 500 ? 2 : 1);
}
