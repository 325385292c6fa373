import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DvcqgClient } from "../../src/adapters/dvcqg/dvcqg.client.ts";
import { dvcqgDeliverer, markSynced } from "../../src/adapters/dvcqg/dvcqg-delivery.service.ts";
import { pullOnlineDossiers } from "../../src/adapters/dvcqg/dvcqg-pull.service.ts";
import { reconcileWithPortal } from "../../src/adapters/dvcqg/dvcqg-reconcile.service.ts";
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker } from "../../src/adapters/outbox/outbox.worker.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { LocalFileStore } from "../../src/kernel/files/file-store.store.ts";
import { verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { createDvcqgStandin } from "../../src/tools/standins/dvcqg.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, pendingOutbox } from "../support/dossiers.ts";
import { listen, quietLog, setFaults, until } from "./standins.ts";

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
// Backoff scaled down 1000×: two milliseconds doubling to 600 ms stands for 2 s doubling to 10 min.
const worker = new OutboxWorker(
  db,
  "dvcqg",
  dvcqgDeliverer(db, deployment, client, (id) => `http://127.0.0.1/files/${id}`),
  { ...DEFAULT_OUTBOX_OPTIONS, retry: { baseMs: 2, capMs: 600 }, idleMs: 20, onSent: markSynced },
  quietLog,
);

const PROCEDURE = "1.000894";
const component = await firstComponent(db);

async function receive(i: number) {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: {
      procedureCode: PROCEDURE,
      channel: 1,
      applicant: { kind: "individual", name: `Nguyễn Văn ${i}`, idNumber: "035085000123" },
      submission: { by: "applicant" },
      components: [{ name: component }],
      outcome: "accept",
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.code as string;
}

const PATH: [string, Record<string, unknown>][] = [
  ["desk", { type: "forward" }],
  ["specialist", { type: "forward", note: "Hồ sơ hợp lệ" }],
  ["head", { type: "forward" }],
  ["leader", { type: "approve" }],
  ["clerk", { type: "issue-result" }],
  ["desk", { type: "return-result", method: "desk" }],
];

async function step(code: string, k: number) {
  const [as, body] = PATH[k] as [string, Record<string, unknown>];
  const r = await t.call("POST", `/api/v1/dossiers/${code}/actions`, { as, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

const pending = async () => await pendingOutbox(db, "dvcqg");

describe("DVCQG sync through the outbox", () => {
  it("with 30% failures, lost answers, duplicates and an outage, every change arrives once, in order", async () => {
    await setFaults(base, { errorRate: 0.3, lostResponseRate: 0.05, duplicateRate: 0.2 });
    worker.start();
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push(await receive(i));
    for (let k = 0; k < 3; k++) for (const c of codes) await step(c, k);
    // The portal goes down; officials keep working; the backlog waits.
    await setFaults(base, { down: true });
    for (let k = 3; k < PATH.length; k++) for (const c of codes) await step(c, k);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await pending()).toBeGreaterThan(0);
    await setFaults(base, { errorRate: 0.3 });
    await until(async () => (await pending()) === 0, 25_000, "the backlog to drain");
    await worker.stop();
    await setFaults(base, {});

    for (const code of codes) {
      const local = await db
        .selectFrom("dossier")
        .select(["last_seq", "dvcqg_status"])
        .where("code", "=", code)
        .executeTakeFirstOrThrow();
      const entries = portal.state.progress.get(code) ?? [];
      expect(entries.map((e) => e.IdTienDo)).toEqual(
        Array.from({ length: local.last_seq }, (_, i) => `${code}#${i + 1}`),
      );
      expect(portal.state.dossiers.get(code)?.TrangThaiHoSo).toBe(String(local.dvcqg_status));
    }
    expect(portal.state.dossiers.get(codes[0] as string)?.TrangThaiHoSo).toBe("10");
    const failures = await db.selectFrom("outbox_failure").select("reason").execute();
    expect(failures.length).toBeGreaterThan(0);
    // Indicator 1.4: every dossier the portal took is synced, in the same transaction as the ack.
    const states = await db.selectFrom("dossier").select("sync_state").distinct().execute();
    expect(states.map((s) => s.sync_state)).toEqual(["synced"]);
    expect((await verifyKpi(db)).ok).toBe(true);
  });

  it("reconciliation with the portal then reports no mismatches", async () => {
    const report = await reconcileWithPortal(db, client, { requeue: true, since: "2026-01-01" });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.compared).toBeGreaterThanOrEqual(12);
    expect([report.value.localOnly, report.value.portalOnly, report.value.mismatched]).toEqual([[], [], []]);
  });

  it("reconciliation finds and re-queues a dossier the portal lost", async () => {
    const code = portal.state.dossiers.keys().next().value as string;
    portal.state.dossiers.delete(code);
    const report = await reconcileWithPortal(db, client, { requeue: true, since: "2026-01-01" });
    expect(report.ok && report.value.localOnly).toEqual([code]);
    worker.start();
    await until(async () => (await pending()) === 0, 10_000, "the re-queued dossier");
    await worker.stop();
    const again = await reconcileWithPortal(db, client, { requeue: false, since: "2026-01-01" });
    expect(again.ok && again.value.localOnly).toEqual([]);
  });

  it("pulls a dossier filed online on DVCQG, with its attachment, into the desk's check queue (status 1)", async () => {
    const files = new LocalFileStore(mkdtempSync(join(tmpdir(), "motcua-pull-")));
    const pdf = Buffer.from("%PDF-1.4\n% tờ khai\n%%EOF\n");
    const filed = await fetch(`${base}/__admin/online-dossiers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        MaHoSo: "G22.37-20260309-0000001",
        MaTTHC: PROCEDURE,
        ChuHoSo: "Trần Thị Bình",
        LoaiDoiTuong: "1",
        SoGiayToChuHoSo: "036190000042",
        DonViXuLy: "DEMO.37.TTPVHCC",
        NgayNopHoSo: "20260309073000",
        TaiKhoanDuocXacThucVoiVNeID: "1",
        files: [
          { name: "to-khai.pdf", mime: "application/pdf", base64: pdf.toString("base64"), component: "TP1" },
        ],
      }),
    });
    expect(filed.status).toBe(200);
    const report = await pullOnlineDossiers(
      db,
      deployment,
      client,
      files,
      new Date("2026-03-09T08:00:00+07:00"),
    );
    expect(report).toMatchObject({ received: 1, skipped: [] });
    const again = await pullOnlineDossiers(
      db,
      deployment,
      client,
      files,
      new Date("2026-03-09T08:01:00+07:00"),
    );
    expect(again.received).toBe(0);
    const d = await t.call("GET", "/api/v1/dossiers/G22.37-20260309-0000001", { as: "desk" });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect([d.body.status, d.body.dvcqgStatus, d.body.channel]).toEqual(["submitted", 1, 2]);
    const stored = await db
      .selectFrom("stored_file")
      .selectAll()
      .where("source", "=", "dvcqg")
      .executeTakeFirstOrThrow();
    expect(await files.get(stored.sha256)).toEqual(pdf);
    const accepted = await t.call("POST", "/api/v1/dossiers/G22.37-20260309-0000001/actions", {
      as: "desk",
      body: { type: "accept" },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    worker.start();
    await until(async () => (await pending()) === 0, 10_000, "the accepted online dossier");
    await worker.stop();
    const onPortal = portal.state.dossiers.get("G22.37-20260309-0000001");
    expect(onPortal?.TrangThaiHoSo).toBe("2");
    expect(onPortal?.TaiLieuNop).toHaveLength(1);
  });
});
