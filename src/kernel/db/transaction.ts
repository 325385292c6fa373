import type { Kysely, Transaction } from "kysely";
import type { Result } from "../common/result.ts";

/** Carries a failed Result out of Kysely's execute, whose only way to roll back is a throw. */
class Rollback {
  constructor(readonly result: { ok: false; error: unknown }) {}
}

/**
 * Runs `work` in one transaction and commits only when it returns ok: a returned error rolls back
 * everything `work` wrote, and is returned as the same value. A callback given straight to
 * `db.transaction().execute` that returns `err(...)` would commit its writes before the error
 * (test/architecture/transaction-results.test.ts refuses that form).
 */
export async function inTransaction<DB, R extends Result<unknown, unknown>>(
  db: Kysely<DB>,
  work: (tx: Transaction<DB>) => Promise<R>,
): Promise<R> {
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result as R;
    throw e;
  }
}
