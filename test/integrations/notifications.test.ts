import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { Notifier } from "../../src/adapters/notify/notify.client.ts";
import { notifyDeliverer } from "../../src/adapters/notify/notify-delivery.service.ts";
import { setTopicEnabled } from "../../src/adapters/outbox/outbox.repository.ts";
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker } from "../../src/adapters/outbox/outbox.worker.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { createSmsStandin, createSmtpStandin } from "../../src/tools/standins/mail-sms.standin.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox } from "../support/dossiers.ts";
import { listen, quietLog, until } from "./standins.ts";

const { db } = await freshDatabase();
await setTopicEnabled(db, "notify", true);
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const smtp = createSmtpStandin();
await new Promise<void>((r) => smtp.server.listen(0, "127.0.0.1", () => r()));
afterAll(() => new Promise<void>((r) => smtp.server.close(() => r())));
const smtpPort = (smtp.server.server.address() as AddressInfo).port;
const sms = createSmsStandin({ apiKey: "k", faults: faultsSchema.parse({}) });
const smsUrl = await listen(sms.app);
const notifier = new Notifier({
  smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
  mailFrom: "Một cửa <khong-tra-loi@motcua.local>",
  smsUrl: `${smsUrl}/api/sms/send`,
  smsKey: "k",
  timeoutMs: 5_000,
});
afterAll(() => notifier.close());
const worker = new OutboxWorker(
  db,
  "notify",
  notifyDeliverer(db, loadDeployment("ninh-binh"), notifier, "http://localhost:3000"),
  { ...DEFAULT_OUTBOX_OPTIONS, retry: { baseMs: 5, capMs: 200 }, idleMs: 20 },
  quietLog,
);
const PROCEDURE = "1.000894";
const component = await firstComponent(db);

const drained = async () => (await pendingOutbox(db, "notify")) === 0;

describe("notifications to applicants", () => {
  it("emails on acceptance, emails and texts on a supplement request, once each, in Vietnamese", async () => {
    const p = syntheticPerson(7);
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: {
        procedureCode: PROCEDURE,
        channel: 1,
        applicant: { kind: "individual", name: p.name, idNumber: p.idNumber, email: p.email, phone: p.phone },
        submission: { by: "applicant" },
        components: [{ name: component }],
        outcome: "accept",
      },
    });
    expect(r.status).toBe(201);
    const code = r.body.code as string;
    for (const [as, body] of [
      ["desk", { type: "forward" }],
      [
        "specialist",
        { type: "request-supplement", note: "Thiếu giấy tờ", missingItems: ["Bản sao giấy khai sinh"] },
      ],
    ] as const) {
      expect((await t.call("POST", `/api/v1/dossiers/${code}/actions`, { as, body })).status).toBe(200);
    }
    worker.start();
    await until(drained, 10_000, "notifications");
    await worker.stop();
    const mine = smtp.messages.filter((m) => m.headers["x-motcua-dossier"] === code);
    expect(mine.map((m) => m.headers["x-motcua-event"])).toEqual(["accepted", "supplement-requested"]);
    expect(mine[0]?.to).toEqual([p.email]);
    expect(sms.sent.map((s) => s.to)).toEqual([p.phone]);
    expect(sms.sent[0]?.message).toContain(code);
    const log = await db
      .selectFrom("notification")
      .select(["event", "channel", "recipient_masked"])
      .orderBy("id")
      .execute();
    expect(log.map((l) => `${l.event}/${l.channel}`)).toEqual([
      "accepted/email",
      "supplement-requested/email",
      "supplement-requested/sms",
    ]);
    expect(
      log.every((l) => !l.recipient_masked.includes(p.phone) && !l.recipient_masked.includes(p.email)),
    ).toBe(true);
    // Redelivering the same entries sends nothing twice.
    await db.updateTable("outbox_event").set({ delivered_at: null }).where("topic", "=", "notify").execute();
    worker.start();
    await until(drained, 10_000, "redelivery");
    await worker.stop();
    expect(smtp.messages.filter((m) => m.headers["x-motcua-dossier"] === code)).toHaveLength(2);
    expect(sms.sent).toHaveLength(1);
  });
});
