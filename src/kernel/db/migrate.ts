import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as foundation from "./migrations/0001-foundation.ts";
import * as ministryLists from "./migrations/0002-ministry-lists.ts";
import * as procedureSearch from "./migrations/0003-procedure-search-table.ts";
import * as dossiers from "./migrations/0004-dossiers.ts";
import * as purgeSynthetic from "./migrations/0005-purge-synthetic.ts";
import * as integrations from "./migrations/0006-integrations.ts";
import * as documents from "./migrations/0007-documents.ts";
import * as kpi from "./migrations/0008-kpi.ts";
import * as feedback from "./migrations/0009-feedback.ts";
import * as steering from "./migrations/0010-steering.ts";
import * as kpiCatchUp from "./migrations/0011-kpi-catch-up.ts";
import * as audit from "./migrations/0012-audit.ts";
import * as lockout from "./migrations/0013-login-lockout.ts";
import * as totp from "./migrations/0014-totp.ts";
import * as retention from "./migrations/0015-retention.ts";
import * as idempotentResponses from "./migrations/0016-idempotent-responses.ts";
import * as syncRecordDailyJobs from "./migrations/0017-sync-record-and-daily-jobs.ts";
import * as guessThrottle from "./migrations/0018-guess-throttle.ts";
import * as nfcText from "./migrations/0019-nfc-text.ts";

/** Migrations are listed in code, so a bundled or compiled app needs no folder scan. */
const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-ministry-lists": ministryLists,
  "0003-procedure-search-table": procedureSearch,
  "0004-dossiers": dossiers,
  "0005-purge-synthetic": purgeSynthetic,
  "0006-integrations": integrations,
  "0007-documents": documents,
  "0008-kpi": kpi,
  "0009-feedback": feedback,
  "0010-steering": steering,
  "0011-kpi-catch-up": kpiCatchUp,
  "0012-audit": audit,
  "0013-login-lockout": lockout,
  "0014-totp": totp,
  "0015-retention": retention,
  "0016-idempotent-responses": idempotentResponses,
  "0017-sync-record-and-daily-jobs": syncRecordDailyJobs,
  "0018-guess-throttle": guessThrottle,
  "0019-nfc-text": nfcText,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export interface MigrationStatus {
  applied: { name: string; at: string }[];
  pending: string[];
  /** The last applied migration's name: the schema version; null on an empty database. */
  version: string | null;
  /** The newest migration this build knows. */
  latest: string;
}

/** Applied and pending migrations, read from kysely's version table (kysely_migration). */
export async function migrationStatus(db: Kysely<unknown>): Promise<MigrationStatus> {
  const all = await new Migrator({ db, provider }).getMigrations();
  const applied = all.flatMap((m) =>
    m.executedAt ? [{ name: m.name, at: m.executedAt.toISOString() }] : [],
  );
  return {
    applied,
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
    version: applied.at(-1)?.name ?? null,
    latest: Object.keys(migrations).at(-1) as string,
  };
}
