import { takeAction } from "../../casework/dossiers/actions.service.ts";
import { dossierErrors } from "../../casework/dossiers/dossier.errors.ts";
import type { DossierDeployment } from "../../casework/dossiers/dossier.settings.ts";
import { pinHash } from "../../casework/dossiers/reception.service.ts";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";
import { saveFile } from "../../kernel/files/files.service.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { CHANNEL_CODES } from "../../reference/catalog/catalog.types.ts";
import { fetchBytes } from "../http-json.client.ts";
import { initPayment, type PayGovConfig, paymentStatus } from "./paygov.client.ts";
import { paymentErrors } from "./payment.errors.ts";

export interface PaymentContext {
  db: Db;
  deployment: DossierDeployment;
  calendar: WorkCalendar;
  now: Date;
  paygov: PayGovConfig;
  files: FileStore;
  publicUrl: string;
}

/** The citizen pays the fee asked of them (status 6) through PayGov; returns where to send them. */
export async function startOnlinePayment(
  ctx: PaymentContext,
  code: string,
  pin: string,
  ip: string,
): Promise<Result<{ reference: string; payUrl: string; amount: number }, AppError>> {
  const { db } = ctx;
  const d = await db
    .selectFrom("dossier")
    .select([
      "id",
      "code",
      "pin_hash",
      "status",
      "procedure_name",
      "procedure_code",
      "channel",
      "receiving_agency",
      "applicant",
    ])
    .where("code", "=", code)
    .executeTakeFirst();
  if (!d || d.pin_hash !== pinHash(code, pin)) return err(dossierErrors.badPin());
  if (d.status !== "payment-requested") return err(paymentErrors.nothingToPay());
  const open = await db
    .selectFrom("payment")
    .select(["reference", "pay_url", "amount"])
    .where("dossier_id", "=", d.id)
    .where("state", "=", "initiated")
    .executeTakeFirst();
  if (open) return ok({ reference: open.reference, payUrl: open.pay_url, amount: Number(open.amount) });
  const asked = await db
    .selectFrom("dossier_action")
    .select(["seq", "payload"])
    .where("dossier_id", "=", d.id)
    .where("type", "=", "request-payment")
    .orderBy("seq", "desc")
    .executeTakeFirstOrThrow();
  const amount = Number(
    asked.payload.amountVnd ?? (await catalogueFee(db, d.procedure_code, d.channel)) ?? 0,
  );
  if (!(amount > 0)) return err(paymentErrors.amountUnknown());
  const reference = `${code}-TT${asked.seq}`;
  const lines = [{ name: `Phí, lệ phí: ${d.procedure_name}`.slice(0, 200), amount }];
  const init = await initPayment(ctx.paygov, {
    reference,
    amount,
    description: `Thanh toan ho so ${code}`,
    at: ctx.now,
    ip,
    receipt: {
      MaHoSo: code,
      ThuTuc: d.procedure_name,
      CoQuan: d.receiving_agency,
      NguoiNop: d.applicant.name,
      CacKhoanPhi: lines,
    },
  });
  if (!init.ok) return err(paymentErrors.platform());
  await db
    .insertInto("payment")
    .values({
      dossier_id: d.id,
      reference,
      amount,
      lines: JSON.stringify(lines),
      pay_url: init.value.payUrl,
      initiated_at: ctx.now,
    })
    .execute();
  return ok({ reference, payUrl: init.value.payUrl, amount });
}

/**
 * Asks PayGov about a payment and, when paid, records it: the e-receipt is stored and motcua
 * confirms the payment on the dossier (status 6 → 4). Safe to call any number of times.
 */
export async function settlePayment(
  ctx: PaymentContext,
  reference: string,
): Promise<Result<string, AppError>> {
  const { db } = ctx;
  const p = await db.selectFrom("payment").selectAll().where("reference", "=", reference).executeTakeFirst();
  if (!p) return err(paymentErrors.unknown(reference));
  if (p.state !== "initiated") return ok(p.state);
  const status = await paymentStatus(ctx.paygov, reference, ctx.now);
  await db.updateTable("payment").set({ last_checked_at: ctx.now }).where("id", "=", p.id).execute();
  if (!status.ok) return err(paymentErrors.platform());
  if (status.value.state !== "paid") {
    if (status.value.state === "failed")
      await db.updateTable("payment").set({ state: "failed" }).where("id", "=", p.id).execute();
    return ok(status.value.state);
  }
  let receiptId: string | null = null;
  if (status.value.receiptUrl) {
    const pdf = await fetchBytes(status.value.receiptUrl, { timeoutMs: 5_000, maxBytes: 5_000_000 });
    if (pdf.ok) {
      receiptId = await saveFile(
        db,
        ctx.files,
        {
          dossierId: p.dossier_id,
          kind: "receipt",
          name: `bien-lai-${reference}.pdf`,
          mime: "application/pdf",
          source: "paygov",
        },
        pdf.value.bytes,
      );
    }
  }
  const claimed = await db
    .updateTable("payment")
    .set({
      state: "paid",
      paid_at: ctx.now,
      platform_txn: status.value.transaction,
      receipt_file_id: receiptId,
    })
    .where("id", "=", p.id)
    .where("state", "=", "initiated")
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return ok("paid"); // another node settled it first
  const d = await db
    .selectFrom("dossier")
    .select(["code", "receiving_agency"])
    .where("id", "=", p.dossier_id)
    .executeTakeFirstOrThrow();
  const confirmed = await takeAction(
    ctx,
    d.code,
    { id: null, roles: [], agencyCode: d.receiving_agency, system: true },
    {
      type: "confirm-payment",
      note: `Đã thanh toán trực tuyến qua PayGov, mã giao dịch ${status.value.transaction}`,
      online: true,
    },
  );
  if (!confirmed.ok && confirmed.error.code !== "ACTION_NOT_ALLOWED") return err(confirmed.error);
  return ok("paid");
}

/** Worker job: payments the citizen may have finished without coming back to motcua. */
export async function reconcilePayments(ctx: PaymentContext, olderThanMs = 60_000): Promise<number> {
  const open = await ctx.db
    .selectFrom("payment")
    .select("reference")
    .where("state", "=", "initiated")
    .where("initiated_at", "<", new Date(ctx.now.getTime() - olderThanMs))
    .orderBy("initiated_at")
    .limit(200)
    .execute();
  let paid = 0;
  for (const p of open) {
    const r = await settlePayment(ctx, p.reference);
    if (r.ok && r.value === "paid") paid++;
  }
  return paid;
}

/** The fee the catalogue states for a channel, in VND, when it states one amount. */
async function catalogueFee(db: Db, procedureCode: string, channel: number): Promise<number | null> {
  const p = await db
    .selectFrom("procedure")
    .select("channels")
    .where("code", "=", procedureCode)
    .executeTakeFirst();
  const row = p?.channels.find((c) => CHANNEL_CODES[c.channel] === channel && c.fee.kind === "amount");
  return row?.fee.currency === "VND" && row.fee.amount ? row.fee.amount : null;
}
