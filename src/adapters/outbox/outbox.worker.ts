import type { Db } from "../../kernel/db/database.ts";
import { type BatchOptions, type Deliver, deliverBatch } from "./outbox.repository.ts";
import { DEFAULT_RETRY } from "./retry.ts";

export interface WorkerLog {
  info(data: Record<string, unknown>, msg: string): void;
  warn(data: Record<string, unknown>, msg: string): void;
  error(data: Record<string, unknown>, msg: string): void;
}

export interface OutboxWorkerOptions extends BatchOptions {
  /** Wait between polls when there is nothing to deliver. */
  idleMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  batch: 100,
  followers: 20,
  slice: 25,
  concurrency: 4,
  retry: DEFAULT_RETRY,
  random: Math.random,
  idleMs: 200,
};

/** Delivers one topic's outbox until stopped; any number of these may run on one database. */
export class OutboxWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    readonly topic: string,
    private readonly deliver: Deliver,
    private readonly options: OutboxWorkerOptions,
    private readonly log: WorkerLog,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  private async run() {
    while (this.running) {
      let delivered = 0;
      try {
        delivered = await deliverBatch(this.db, this.topic, this.deliver, this.options);
      } catch (e) {
        this.log.error({ topic: this.topic, err: String(e) }, "outbox batch failed");
      }
      if (delivered === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.idleMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
