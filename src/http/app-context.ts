import type { Deployment } from "../agencies/deployment.types.ts";
import type { WorkCalendar } from "../calendar/work-calendar.ts";
import type { Db } from "../db/database.ts";

/** What route handlers may use; built once per process. */
export interface AppContext {
  db: Db;
  deployment: Deployment;
  /** The working calendar, cached briefly so an administrator's override takes effect within a minute. */
  calendar(): Promise<WorkCalendar>;
  /** The clock; tests move it to exercise deadlines. */
  now(): Date;
}
