// Processes a benchmark starts: motcua serve, a bare Fastify; timed to first answer, peak RSS read.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { repoRoot } from "../src/kernel/config/paths.ts";

export interface Served<T> {
  /** Spawn to first healthy answer. */
  startMs: number;
  result: T;
  /** The process's peak resident set (VmHWM), MB; null where /proc is missing. */
  peakRssMb: number | null;
}

async function waitFor(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive()) throw new Error(`${url}: the process exited`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}

function peakRssMb(pid: number | undefined): number | null {
  const status = `/proc/${pid}/status`;
  if (!pid || !existsSync(status)) return null;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, "utf8"))?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

/** Starts a node process, times it to its first healthy answer, runs `during`, then stops it. */
export async function withProcess<T>(
  args: string[],
  env: NodeJS.ProcessEnv,
  healthUrl: string,
  during: () => Promise<T>,
): Promise<Served<T>> {
  const t0 = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (b) => {
    stderr = (stderr + String(b)).slice(-4000);
  });
  // Listen from the start: a child that dies early must fail the run, not hang it.
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  try {
    await waitFor(healthUrl, 600_000, () => alive);
    const startMs = Date.now() - t0;
    const result = await during();
    if (!alive) throw new Error(`${args.join(" ")} exited early: ${stderr}`);
    return { startMs, result, peakRssMb: peakRssMb(child.pid) };
  } finally {
    if (alive) child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0 && code !== null && stderr)
      process.stderr.write(`${args.join(" ")} exited ${code}: ${stderr}\n`);
  }
}

/**
 * `motcua serve` on `port`: on its own embedded database in `dataDir`, or on `databaseUrl`. Load
 * runs set the per-caller limits off (one official hammering would get 429s) and keep the
 * stand-ins on a port of their own.
 */
export function withMotcua<T>(
  o: { port: number; dataDir: string; databaseUrl?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] },
  during: (url: string) => Promise<T>,
): Promise<Served<T>> {
  const env = {
    PORT: String(o.port),
    MOTCUA_DATA_DIR: o.dataDir,
    MOTCUA_PG_PORT: String(o.port + 1),
    MOTCUA_STANDINS_PORT: String(o.port + 2),
    MOTCUA_RATE_LIMIT_OFFICIAL: "0",
    MOTCUA_RATE_LIMIT_ADDRESS: "0",
    LOG_LEVEL: "warn",
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...o.env,
  };
  const url = `http://127.0.0.1:${o.port}`;
  return withProcess([...(o.nodeArgs ?? []), "bin/motcua.js", "serve"], env, `${url}/api/v1/health`, () =>
    during(url),
  );
}

/** A Fastify hello-world in its own process: the bare HTTP baseline. */
export function withBareFastify<T>(port: number, during: (url: string) => Promise<T>): Promise<Served<T>> {
  const code = `require("fastify")().get("/", async () => ({ ok: true })).listen({ port: ${port}, host: "127.0.0.1" })`;
  const url = `http://127.0.0.1:${port}`;
  return withProcess(["-e", code], {}, `${url}/`, () => during(url));
}
