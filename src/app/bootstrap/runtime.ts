import { seedDemoAccounts } from "../../casework/auth/demo-accounts.seed.ts";
import { loadCalendar } from "../../reference/calendar/calendar.repository.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { seedsDemoData } from "../../tools/demo/demo.settings.ts";
import type { AppContext } from "../context.ts";
import type { AppConfig } from "../settings.ts";
import { loadDeployment } from "../settings.ts";
import { type OpenDatabase, openDatabase } from "./database.ts";
import { ensureDemoHistory, ensureDemoSteering } from "./demo-data.ts";
import { ensureReferenceData } from "./reference-data.ts";

export interface Runtime extends AppContext {
  database: OpenDatabase;
  close(): Promise<void>;
}

const CALENDAR_TTL_MS = 60_000;

/** Database up, migrated, reference data current; what every command and the server start from. */
export async function startRuntime(
  config: AppConfig,
  log: (msg: string, data?: Record<string, unknown>) => void,
): Promise<Runtime> {
  const deployment = loadDeployment(config.MOTCUA_DEPLOYMENT);
  const database = await openDatabase(config);
  try {
    await ensureReferenceData(database.db, deployment, log);
    // Never in production (NODE_ENV=production), even in demo mode: public passwords, no 2FA.
    if (seedsDemoData(config)) {
      await seedDemoAccounts(database.db, deployment);
      await ensureDemoHistory(database.db, deployment, config.MOTCUA_DEMO_DOSSIERS, log);
      await ensureDemoSteering(database.db, deployment, log);
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  let cached: { at: number; cal: WorkCalendar } | null = null;
  return {
    db: database.db,
    deployment,
    database,
    async calendar() {
      if (!cached || Date.now() - cached.at > CALENDAR_TTL_MS) {
        cached = { at: Date.now(), cal: await loadCalendar(database.db, deployment.calendar.sessions) };
      }
      return cached.cal;
    },
    now: () => new Date(),
    close: () => database.close(),
  };
}
