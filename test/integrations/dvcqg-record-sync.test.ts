import { describe, expect, it } from "vitest";
import { DvcqgClient } from "../../src/adapters/dvcqg/dvcqg.client.ts";
import { type DossierMessage, portalTime } from "../../src/adapters/dvcqg/dvcqg.messages.ts";
import { dvcqgDeliverer } from "../../src/adapters/dvcqg/dvcqg-delivery.service.ts";
import { deliverBatch, requeueDossier } from "../../src/adapters/outbox/outbox.repository.ts";
import { DEFAULT_OUTBOX_OPTIONS } from "../../src/adapters/outbox/outbox.worker.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox, receptionBody } from "../support/dossiers.ts";
import { listen } from "./standins.ts";

// Anything the portal shows of a dossier reaches it, not only status changes (bug: a re-appointment
// left the portal's NgayHenTra stale until reconciliation).
const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const deployment = loadDeployment("ninh-binh");
const portal = createDvcqgStandin({ username: "motcua", password: "secret", faults: faultsSchema.parse({}) });
const base = await listen(portal.app);
const client = new DvcqgClient({
  baseUrl: base,
  username: "motcua",
  password: "secret",
  unitCode: "37",
  timeoutMs: 2_000,
});
// Every dossier record pushed, as sent.
const pushed: DossierMessage[] = [];
const push = client.pushList.bind(client);
client.pushList = async (service, items, updating) => {
  if (service === "DongBoHoSoMC") pushed.push(...(items as DossierMessage[]));
  return push(service, items, updating);
};
const deliver = dvcqgDeliverer(
  db,
  deployment,
  client,
  (id) => `http://127.0.0.1/files/${id}?exp=${Date.now()}`,
);
const component = await firstComponent(db);

async function drain() {
  for (let i = 0; i < 20 && (await pendingOutbox(db, "dvcqg")) > 0; i++)
    await deliverBatch(db, "dvcqg", deliver, { ...DEFAULT_OUTBOX_OPTIONS, retry: { baseMs: 1, capMs: 1 } });
  expect(await pendingOutbox(db, "dvcqg")).toBe(0);
}

async function act(code: string, as: string, body: Record<string, unknown>) {
  const r = await t.call("POST", `/api/v1/dossiers/${code}/actions`, { as, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** A dossier received at the desk and forwarded to the specialist, known to the portal. */
async function processing(): Promise<string> {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: receptionBody(component, { kind: "individual", name: "Lê Văn Hẹn", idNumber: "035085000123" }),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await act(r.body.code, "desk", { type: "forward" });
  await drain();
  return r.body.code as string;
}

const local = (code: string) =>
  db
    .selectFrom("dossier")
    .select(["id", "due_at", "last_seq", "dvcqg_status"])
    .where("code", "=", code)
    .executeTakeFirstOrThrow();

/** The portal's copy agrees with the dossier on status and due date. */
async function expectPortalInStep(code: string) {
  const d = await local(code);
  expect(portal.state.dossiers.get(code)).toMatchObject({
    TrangThaiHoSo: String(d.dvcqg_status),
    NgayHenTra: portalTime(d.due_at),
  });
}

describe("DVCQG dossier record sync", () => {
  it("a re-appointment (hẹn lại) pushes the record with the new NgayHenTra, though the status stays", async () => {
    t.setNow("2026-03-09T08:00:00+07:00");
    const code = await processing();
    const before = portal.state.dossiers.get(code)?.NgayHenTra;
    expect(before).toBe(portalTime((await local(code)).due_at));
    await act(code, "leader", {
      type: "reappoint",
      note: "Cần xác minh thêm",
      newDueAt: "2026-04-24T17:00:00+07:00",
    });
    const d = await local(code);
    const event = await db
      .selectFrom("outbox_event")
      .select("id")
      .where("topic", "=", "dvcqg")
      .where("dossier_id", "=", d.id)
      .where("seq", "=", d.last_seq)
      .executeTakeFirst();
    expect(event).toBeDefined();
    pushed.length = 0;
    await drain();
    expect(pushed.map((m) => [m.MaHoSo, m.NgayHenTra])).toEqual([[code, "20260424170000"]]);
    expect(portal.state.dossiers.get(code)?.NgayHenTra).toBe("20260424170000");
    await expectPortalInStep(code);
  });

  it("an entry that changes nothing the portal shows (claim) sends progress only", async () => {
    t.setNow("2026-03-09T08:00:00+07:00");
    const code = await processing();
    pushed.length = 0;
    await act(code, "specialist", { type: "claim" });
    await drain();
    expect(pushed).toEqual([]);
    const d = await local(code);
    expect(portal.state.progress.get(code)?.at(-1)?.IdTienDo).toBe(`${code}#${d.last_seq}`);
  });

  it("a pause for a supplement and the resumption reach the portal, with the extended NgayHenTra", async () => {
    t.setNow("2026-03-09T09:00:00+07:00");
    const code = await processing();
    const due = portalTime((await local(code)).due_at);
    await act(code, "specialist", {
      type: "request-supplement",
      note: "Thiếu bản sao giấy khai sinh",
      missingItems: ["Giấy khai sinh"],
    });
    await drain();
    expect(portal.state.dossiers.get(code)?.TrangThaiHoSo).toBe("5");
    t.setNow("2026-03-11T09:00:00+07:00");
    await act(code, "desk", { type: "resubmit" });
    await drain();
    await expectPortalInStep(code);
    expect(portal.state.dossiers.get(code)?.NgayHenTra).not.toBe(due);
  });

  it("a payment request and its confirmation reach the portal, with the extended NgayHenTra", async () => {
    t.setNow("2026-03-09T09:00:00+07:00");
    const code = await processing();
    const due = portalTime((await local(code)).due_at);
    await act(code, "specialist", { type: "request-payment", amountVnd: 50_000 });
    await drain();
    expect(portal.state.dossiers.get(code)?.TrangThaiHoSo).toBe("6");
    t.setNow("2026-03-10T09:00:00+07:00");
    await act(code, "desk", { type: "confirm-payment" });
    await drain();
    await expectPortalInStep(code);
    expect(portal.state.dossiers.get(code)?.NgayHenTra).not.toBe(due);
  });

  it("a portal that lost a record gets it again when the journal is re-queued, though nothing changed", async () => {
    t.setNow("2026-03-09T08:00:00+07:00");
    const code = await processing();
    portal.state.dossiers.delete(code);
    const d = await local(code);
    await db.deleteFrom("outbox_event").where("dossier_id", "=", d.id).execute();
    await requeueDossier(db, "dvcqg", d.id);
    await drain();
    await expectPortalInStep(code);
  });
});
