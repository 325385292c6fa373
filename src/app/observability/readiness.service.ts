import { withTimeout } from "../../kernel/common/single-flight.ts";
import type { Db } from "../../kernel/db/database.ts";
import { auditSealLag, pendingMigrations, ping, stuckOutboxTopics } from "./observability.repository.ts";

/** Each check answers within this, or counts as failing. */
export const READY_CHECK_MS = 2_000;
/** The audit sealer is stuck when a record has waited this long (it runs every 3 s). */
export const AUDIT_STUCK_SECONDS = 600;
/** An outbox topic is stuck when an event waited this long and nothing was delivered or tried meanwhile. */
export const OUTBOX_STUCK_SECONDS = 900;

export interface Check {
  status: "ok" | "failing" | "skipped";
  /** Why not ok, in Vietnamese. */
  reason: string | null;
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: Check;
    replica?: Check;
    migrations: Check;
    auditSealer: Check;
    outbox: Check;
  };
}

const ok: Check = { status: "ok", reason: null };
const failing = (reason: string): Check => ({ status: "failing", reason });
const skipped: Check = { status: "skipped", reason: "Không kiểm tra được vì cơ sở dữ liệu không trả lời." };

/** Databases whose migrations were current once: they stay so (a schema is never migrated down). */
const migrated = new WeakSet<Db>();

async function check(what: string, f: () => Promise<Check>): Promise<Check> {
  try {
    return await withTimeout(f(), READY_CHECK_MS, what);
  } catch (e) {
    return failing(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Ready to take traffic: the database (and the replica, when there is one) answers, its
 * migrations are those of this build, the audit sealer keeps up and no outbox topic this
 * instance delivers (`topics`) is stuck. Checks run one after another on the probe's connection.
 */
export async function readiness(o: {
  db: Db;
  replica?: Db;
  topics: string[];
  now: Date;
}): Promise<Readiness> {
  const answers = (db: Db) => async () => {
    await ping(db);
    return ok;
  };
  const database = await check("Cơ sở dữ liệu", answers(o.db));
  const replica = o.replica ? await check("Bản sao chỉ đọc", answers(o.replica)) : undefined;
  const up = database.status === "ok";
  const migrations = !up
    ? skipped
    : await check("Phiên bản cơ sở dữ liệu", async () => {
        if (migrated.has(o.db)) return ok;
        const pending = await pendingMigrations(o.db);
        if (pending.length) return failing(`Chưa chạy migration: ${pending.join(", ")} (motcua migrate up).`);
        migrated.add(o.db);
        return ok;
      });
  const auditSealer = !up
    ? skipped
    : await check("Niêm phong nhật ký", async () => {
        const lag = await auditSealLag(o.db, o.now);
        return lag > AUDIT_STUCK_SECONDS
          ? failing(
              `Bản ghi nhật ký kiểm tra chờ niêm phong đã ${Math.round(lag)} giây (ngưỡng ${AUDIT_STUCK_SECONDS}).`,
            )
          : ok;
      });
  const outbox = !up
    ? skipped
    : await check("Hàng đợi gửi đi", async () => {
        const stuck = await stuckOutboxTopics(o.db, o.topics, OUTBOX_STUCK_SECONDS);
        return stuck.length
          ? failing(
              `Hàng đợi ${stuck.join(", ")} có sự kiện chờ quá ${OUTBOX_STUCK_SECONDS} giây mà không tiến trình nào gửi.`,
            )
          : ok;
      });
  const checks = { database, ...(replica ? { replica } : {}), migrations, auditSealer, outbox };
  return { ready: Object.values(checks).every((c) => c.status === "ok"), checks };
}
