// A DVCQG delivery worker in its own process, for the crash test (killed with SIGKILL mid-delivery).

import { DvcqgClient } from "../../src/adapters/dvcqg/dvcqg.client.ts";
import { dvcqgDeliverer } from "../../src/adapters/dvcqg/dvcqg-delivery.service.ts";
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker } from "../../src/adapters/outbox/outbox.worker.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { createDb } from "../../src/kernel/db/database.ts";

const db = createDb(process.env.CHILD_DATABASE_URL as string, 4);
const client = new DvcqgClient({
  baseUrl: process.env.CHILD_DVCQG_URL as string,
  username: "motcua",
  password: "secret",
  unitCode: "37",
  timeoutMs: 2_000,
});
const log = { info() {}, warn() {}, error() {} };
new OutboxWorker(
  db,
  "dvcqg",
  dvcqgDeliverer(db, loadDeployment("ninh-binh"), client, (id) => `http://127.0.0.1/files/${id}`),
  { ...DEFAULT_OUTBOX_OPTIONS, batch: 5, retry: { baseMs: 5, capMs: 100 }, idleMs: 10 },
  log,
).start();
process.stdout.write("ready\n");
