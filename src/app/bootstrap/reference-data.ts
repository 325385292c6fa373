import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { repoRoot } from "../../kernel/config/paths.ts";
import type { Db } from "../../kernel/db/database.ts";
import { seedAgencies } from "../../reference/agencies/agencies.seed.ts";
import { deploymentPath } from "../../reference/agencies/deployment.loader.ts";
import { HOLIDAYS_CSV } from "../../reference/calendar/calendar.loader.ts";
import { seedSpecialDays } from "../../reference/calendar/calendar.repository.ts";
import { importCatalog } from "../../reference/catalog/catalog.import.ts";
import { CRAWL_ARCHIVE } from "../../reference/catalog/crawl-archive.loader.ts";
import { MINISTRY_LISTS_DIR } from "../../reference/catalog/ministry-lists.loader.ts";
import { importUnits, UNIT_SOURCES } from "../../reference/units/units.import.ts";
import type { Deployment } from "../settings.ts";

type Log = (msg: string, data?: Record<string, unknown>) => void;

interface Step {
  kind: string;
  /** Inputs whose content decides whether the step must run again (data and its parser). */
  sources: string[];
  run: (db: Db, onProgress: (done: number) => void) => Promise<Record<string, unknown>>;
}

function steps(deployment: Deployment): Step[] {
  const src = (f: string) => `${repoRoot}src/${f}`;
  return [
    {
      kind: "units",
      sources: [
        ...UNIT_SOURCES,
        src("reference/units/units.import.ts"),
        src("reference/units/unit-names.ts"),
      ],
      run: async (db) => ({ ...(await importUnits(db)) }),
    },
    {
      kind: "calendar",
      sources: [HOLIDAYS_CSV, src("reference/calendar/holidays.ts")],
      run: async (db) => ({ days: await seedSpecialDays(db) }),
    },
    {
      kind: "catalog",
      sources: [
        CRAWL_ARCHIVE,
        ...readdirSync(MINISTRY_LISTS_DIR)
          .filter((f) => f.endsWith(".xlsx"))
          .sort()
          .map((f) => `${MINISTRY_LISTS_DIR}${f}`),
        ...[
          "ministry-lists.ts",
          "parse-channels.ts",
          "parse-documents.ts",
          "parse-procedure.ts",
          "catalog.import.ts",
        ].map((f) => src(`reference/catalog/${f}`)),
      ],
      run: async (db, onProgress) => ({ ...(await importCatalog(db, onProgress)).stats }),
    },
    {
      // After units: every commune of the province gets its committee and desk.
      kind: `agencies:${deployment.id}`,
      sources: [
        deploymentPath(deployment.id),
        ...UNIT_SOURCES.slice(0, 1),
        src("reference/agencies/agencies.seed.ts"),
      ],
      run: async (db) => ({ agencies: await seedAgencies(db, deployment) }),
    },
  ];
}

async function hashOf(files: string[]): Promise<string> {
  const h = createHash("sha256");
  for (const f of files) h.update(await readFile(f));
  return h.digest("hex");
}

/** Imports whatever reference data changed since the last run; a warm start does nothing. */
export async function ensureReferenceData(db: Db, deployment: Deployment, log: Log): Promise<string[]> {
  const ran: string[] = [];
  for (const step of steps(deployment)) {
    const hash = await hashOf(step.sources);
    const last = await db
      .selectFrom("import_run")
      .select("source_hash")
      .where("kind", "=", step.kind)
      .executeTakeFirst();
    if (last?.source_hash === hash) continue;
    log(`importing ${step.kind}`);
    const started = Date.now();
    const stats = await step.run(db, (done) => log(`importing ${step.kind}: ${done}`));
    await saveRun(db, step.kind, hash, stats);
    log(`imported ${step.kind}`, { ms: Date.now() - started, ...stats });
    ran.push(step.kind);
  }
  return ran;
}

/** After an explicit import (motcua catalog import), so the next start does not import again. */
export async function recordImport(db: Db, deployment: Deployment, kind: "units" | "catalog", stats: object) {
  const step = steps(deployment).find((s) => s.kind === kind);
  if (step) await saveRun(db, kind, await hashOf(step.sources), stats);
}

async function saveRun(db: Db, kind: string, hash: string, stats: object) {
  const row = { kind, source_hash: hash, finished_at: new Date(), stats: JSON.stringify(stats) };
  await db
    .insertInto("import_run")
    .values(row)
    .onConflict((oc) => oc.column("kind").doUpdateSet(row))
    .execute();
}
