import { type Runtime, startRuntime } from "../bootstrap/runtime.ts";
import { loadConfig } from "../settings.ts";

/** Opens the database (starting the embedded server if no one runs it), runs fn, closes. */
export async function withRuntime<T>(json: boolean, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const log = (msg: string) => {
    if (!json) process.stderr.write(`… ${msg}\n`);
  };
  const rt = await startRuntime(loadConfig(), log);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
