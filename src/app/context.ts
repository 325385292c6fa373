import type { DvcqgClient } from "../adapters/dvcqg/dvcqg.client.ts";
import type { Notifier } from "../adapters/notify/notify.client.ts";
import type { PayGovConfig } from "../adapters/payment/paygov.client.ts";
import type { PopulationGateway } from "../adapters/population/population.service.ts";
import type { RegistryClient } from "../adapters/registry/registry.client.ts";
import type { VneidClient } from "../adapters/vneid/vneid.client.ts";
import type { SigningKeys } from "../casework/documents/pki.store.ts";
import type { VirusScan } from "../casework/documents/upload.service.ts";
import type { Db } from "../kernel/db/database.ts";
import type { FileStore } from "../kernel/files/file-store.store.ts";
import type { CallerLimits } from "../kernel/http/rate-limits.ts";
import type { WorkCalendar } from "../reference/calendar/work-calendar.ts";
import type { MetricsAccess } from "./observability/observability.settings.ts";
import type { Deployment } from "./settings.ts";

/** What route handlers may use; built once per process. */
export interface AppContext {
  db: Db;
  /**
   * Reports' reads (scorecard, rankings, trends, overview, the periodic report and its exports):
   * a read replica's read-only pool when DATABASE_READ_URL is set; absent: `db`. Never written to.
   */
  readDb?: Db;
  /** A pool of its own for health checks, so that they never queue behind dossier work. */
  probeDb?: Db;
  /** A health pool on the read replica, when there is one: readiness asks it too. */
  probeReadDb?: Db;
  /** Pools by name for motcua_db_pool_in_use and _waiting; absent: db and probeDb. */
  pools?: Record<string, Db>;
  /** GET /metrics (MOTCUA_METRICS, MOTCUA_METRICS_TOKEN); absent: served, with no token. */
  metrics?: MetricsAccess;
  deployment: Deployment;
  /** The working calendar, cached briefly so an administrator's override takes effect within a minute. */
  calendar(): Promise<WorkCalendar>;
  /** The clock; tests move it to exercise deadlines. */
  now(): Date;
  /**
   * Reverse proxies whose X-Forwarded-For names the caller (MOTCUA_TRUST_PROXY): without them,
   * behind a proxy every citizen would share its address, its rate limit and its guess budget.
   */
  trustProxy?: string[];
  /** Per-caller request limits (MOTCUA_RATE_LIMIT_*); absent: none beyond the per-route ones. */
  callerLimits?: CallerLimits;
  /** National systems (DVCQG, population database, registry, PayGov) and the file store. */
  integrations?: Integrations;
}

/** The national systems this instance talks to; an absent one is simply not configured. */
export interface Integrations {
  dvcqg: DvcqgClient | null;
  /** Also reception's IdentityCheck port. */
  population: PopulationGateway | null;
  /** Also reception's RegistryLookup port. */
  registry: RegistryClient | null;
  paygov: PayGovConfig | null;
  notifier: Notifier | null;
  vneid: VneidClient | null;
  /** Agency certificates for signed results, and the CAs verification trusts. */
  signing: SigningKeys | null;
  /** ClamAV (clamd) when configured; without it uploads are checked but not virus-scanned. */
  virusScan: VirusScan | null;
  files: FileStore;
  /** Secret for signed download links (shared by every node of the instance). */
  fileUrlSecret: string;
  /** Base URL national systems and citizens reach motcua at. */
  publicUrl: string;
  /** Sync lag above this raises the monitor's alert. */
  syncSloSeconds: number;
}
