import type { Db } from "../../kernel/db/database.ts";
import { loadCalendar } from "../../reference/calendar/calendar.repository.ts";
import { generateDemoHistory } from "../../tools/demo/demo-history.service.ts";
import { generateDemoSteering } from "../../tools/demo/demo-steering.service.ts";
import type { Deployment } from "../settings.ts";

export const DEMO_SEED = 20_251_001;

/** A fresh demo database gets its synthetic year once; later starts keep what is there. */
export async function ensureDemoHistory(
  db: Db,
  deployment: Deployment,
  dossiers: number,
  log: (msg: string, data?: Record<string, unknown>) => void,
) {
  if (dossiers === 0) return;
  const done = await db
    .selectFrom("import_run")
    .select("kind")
    .where("kind", "=", "demo-history")
    .executeTakeFirst();
  if (done) return;
  log(`generating a synthetic demo year of ${dossiers} dossiers`);
  const cal = await loadCalendar(db, deployment.calendar.sessions);
  const stats = await generateDemoHistory(db, deployment, cal, {
    dossiers,
    seed: DEMO_SEED,
    until: new Date(),
    onProgress: (n) => log(`generating demo dossiers: ${n}`),
  });
  await db
    .insertInto("import_run")
    .values({
      kind: "demo-history",
      source_hash: `seed-${DEMO_SEED}`,
      finished_at: new Date(),
      stats: JSON.stringify(stats),
    })
    .onConflict((oc) => oc.column("kind").doNothing())
    .execute();
  log("generated demo history", stats);
}

/** The steering registers' demo items (synthetic), once per database. */
export async function ensureDemoSteering(
  db: Db,
  deployment: Deployment,
  log: (msg: string, data?: Record<string, unknown>) => void,
) {
  const done = await db
    .selectFrom("import_run")
    .select("kind")
    .where("kind", "=", "demo-steering")
    .executeTakeFirst();
  if (done) return;
  const centre = deployment.agencies.find((a) => a.kind === "service-centre")?.code ?? "";
  const departments = deployment.agencies.filter((a) => a.kind === "department").map((a) => a.code);
  const commune = await db
    .selectFrom("agency")
    .select("code")
    .where("kind", "=", "commune-committee")
    .orderBy("code")
    .executeTakeFirst();
  const stats = await generateDemoSteering(
    db,
    { centre, departments, commune: commune?.code ?? null },
    new Date(),
    deployment.steering.reminderDays,
  );
  await db
    .insertInto("import_run")
    .values({
      kind: "demo-steering",
      source_hash: "synthetic",
      finished_at: new Date(),
      stats: JSON.stringify(stats),
    })
    .onConflict((oc) => oc.column("kind").doNothing())
    .execute();
  log("generated demo steering registers", stats);
}
