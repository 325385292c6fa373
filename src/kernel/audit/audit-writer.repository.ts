import type { Db } from "../db/database.ts";
import { type AuditEntry, insertAudit } from "./audit.repository.ts";

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The API's audit records by group commit: a record waits only while the previous insert is in
 * flight, and all that waited go in one multi-row insert. Alone, a record is written at once as
 * before; under load one round trip carries many (a round trip costs more than the row here).
 * A crash loses what is waiting, as it lost the one in flight before.
 */
export class AuditWriter {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 200,
  ) {}

  write(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  /** Resolves once nothing waits and no insert is in flight (server shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await insertAudit(
          this.db,
          batch.map((w) => w.entry),
        );
        for (const w of batch) w.resolve();
      } catch (e) {
        // One bad record must not take its neighbours with it: write them one by one.
        if (batch.length === 1) batch[0]?.reject(e);
        else for (const w of batch) await insertAudit(this.db, [w.entry]).then(w.resolve, w.reject);
      }
    }
    this.flushing = null;
  }
}
