import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "../../src/kernel/config/paths.ts";

/** `node bin/motcua.js` and its arguments, as the tests start it. */
export const CLI = [join(repoRoot, "bin/motcua.js")];

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts a motcua command; for `serve`, resolves once /health answers on PORT. */
export async function startMotcua(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...CLI, ...args], { env, stdio: ["ignore", "ignore", "inherit"] });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  if (args[0] !== "serve") {
    await new Promise((r) => setTimeout(r, 300));
    return child;
  }
  const end = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error("the server exited while starting");
    if (Date.now() > end) throw new Error("the server did not answer in 60 s");
    const ok = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const stop = (c: ChildProcess, signal: NodeJS.Signals = "SIGKILL") =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once("exit", () => resolve());
    c.kill(signal);
  });

/**
 * The environment of a motcua process in the process tests: a database, a scratch folder, the
 * DVCQG stand-in, no demo data, no stand-ins of its own, quiet logs, and no per-caller limits
 * (the tests drive a few officials flat out).
 */
export function processEnv(
  databaseUrl: string,
  dir: string,
  dvcqg: string,
  extra: Record<string, string> = {},
) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    HOST: "127.0.0.1",
    MOTCUA_DEMO: "false",
    MOTCUA_STANDINS: "false",
    MOTCUA_DATA_DIR: dir,
    MOTCUA_FILES_DIR: join(dir, "files"),
    MOTCUA_PKI_DIR: join(dir, "pki"),
    MOTCUA_DVCQG_URL: dvcqg,
    MOTCUA_DVCQG_USER: "motcua",
    MOTCUA_DVCQG_PASSWORD: "secret",
    MOTCUA_DVCQG_UNIT: "37",
    LOG_LEVEL: "error",
    MOTCUA_RATE_LIMIT_OFFICIAL: "0",
    MOTCUA_RATE_LIMIT_ADDRESS: "0",
    ...extra,
  };
}
