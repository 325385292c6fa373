import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { CLI } from "../support/processes.ts";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `motcua <args>` as a child process; async, so this process can keep serving what it calls. */
export function motcua(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...CLI, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (e, stdout, stderr) =>
        resolve({ status: e ? ((e.code as number | undefined) ?? null) : 0, stdout, stderr }),
    );
    child.stdin?.end(input ?? "");
  });
}

/** An empty database on the test server (no migration yet), dropped after the file. */
export async function emptyDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  afterAll(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return adminUrl.replace(/\/postgres(?=\?|$)/, `/${name}`);
}

/** A scratch data folder, and the environment of a CLI run against an external database. */
export function cliEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "motcua-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    DATABASE_URL: databaseUrl,
    MOTCUA_DATA_DIR: dir,
    MOTCUA_DEMO: "false",
    MOTCUA_STANDINS: "false",
    LOG_LEVEL: "error",
    ...extra,
  };
}
