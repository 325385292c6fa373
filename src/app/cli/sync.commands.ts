import type { Command } from "commander";
import { dvcqgErrors } from "../../adapters/dvcqg/dvcqg.errors.ts";
import { reconcileWithPortal } from "../../adapters/dvcqg/dvcqg-reconcile.service.ts";
import { syncStatus } from "../../adapters/sync-monitor.service.ts";
import { buildIntegrations } from "../bootstrap/integrations.ts";
import { loadConfig } from "../settings.ts";
import { fail, print } from "./output.ts";
import { work } from "./serve.ts";
import { withRuntime } from "./with-runtime.ts";

export function registerSyncCommands(program: Command) {
  program
    .command("worker")
    .description(
      "Run the delivery workers (DVCQG outbox, pending checks, reconciliations) without the HTTP API",
    )
    .action(async () => work(loadConfig()));

  program
    .command("standins")
    .description(
      "Run the national-system stand-ins (DVCQG, population DB, registry, PayGov) on loopback, for demos and tests",
    )
    .option("--port <n>", "first port", "3100")
    .action(async (o: { port: string }) => {
      // On demand: the stand-ins' packages are development dependencies.
      const { startStandins } = await import("../../tools/standins/standins.ts");
      const s = await startStandins(Number(o.port), "http://localhost:3000");
      process.stdout.write(`${JSON.stringify(s.urls, null, 2)}\n`);
    });

  const sync = program.command("sync").description("DVCQG synchronisation (đồng bộ Cổng DVCQG)");
  sync
    .command("status")
    .description("Lag p50/p99, backlog and failures by reason")
    .option("--json", "machine-readable output", false)
    .action(async (o: { json: boolean }) =>
      withRuntime(o.json, async (rt) => {
        const s = await syncStatus(rt.db, "dvcqg", loadConfig().MOTCUA_SYNC_SLO_SECONDS);
        print(o.json, s, () =>
          [
            `Tồn đọng: ${s.backlog}${s.oldestPendingSeconds !== null ? ` (cũ nhất ${Math.round(s.oldestPendingSeconds)} giây)` : ""}`,
            `1 giờ qua: ${s.lastHour.delivered} thay đổi, p50 ${s.lastHour.p50Seconds?.toFixed(2) ?? "–"} s, p99 ${s.lastHour.p99Seconds?.toFixed(2) ?? "–"} s`,
            ...s.failuresByReason.map((f) => `Lỗi ${f.reason}: ${f.count}`),
            s.alert ? `CẢNH BÁO: ${s.alertReason}` : "Trong ngưỡng cam kết",
          ].join("\n"),
        );
      }),
    );
  sync
    .command("reconcile")
    .description(
      "Compare local dossiers with DVCQG (TraCuuHoSo); re-queue what can be fixed, report the rest",
    )
    .option(
      "--since <date>",
      "received on or after (YYYY-MM-DD)",
      new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10),
    )
    .option("--dry-run", "report only, re-queue nothing", false)
    .option("--json", "machine-readable output", false)
    .action(async (o: { since: string; dryRun: boolean; json: boolean }) =>
      withRuntime(o.json, async (rt) => {
        const i = await buildIntegrations(loadConfig(), rt.db);
        if (!i.dvcqg) return fail(o.json, dvcqgErrors.notConfigured());
        const r = await reconcileWithPortal(rt.db, i.dvcqg, { requeue: !o.dryRun, since: o.since });
        if (!r.ok) {
          return fail(o.json, dvcqgErrors.reconcileFailed(r.error.reason, r.error.detail));
        }
        const v = r.value;
        print(o.json, v, () =>
          [
            `Đã so sánh ${v.compared} hồ sơ (${v.inFlight} đang đồng bộ).`,
            `Chỉ có ở địa phương: ${v.localOnly.length}; chỉ có trên Cổng: ${v.portalOnly.length}; lệch: ${v.mismatched.length}.`,
            `Đưa lại hàng đợi: ${v.requeued}.`,
          ].join("\n"),
        );
      }),
    );
}
