import QRCode from "qrcode";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { CheckedDossier } from "../../kernel/http/auth-guard.ts";
import type { DeploymentBase } from "../../reference/agencies/deployment.types.ts";
import type { Duration } from "../../reference/calendar/calendar.types.ts";
import { vnDateTime } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { processVersion } from "../../reference/processes/processes.service.ts";
import { dossierErrors } from "../dossiers/dossier.errors.ts";
import { readableDossier } from "../dossiers/dossier-queries.service.ts";
import type { Actor } from "../dossiers/lifecycle.ts";
import { pinHash } from "../dossiers/reception.service.ts";
import { dossierTrail } from "../dossiers/trail.service.ts";
import { type DossierFormData, type DossierFormNumber, renderDossierForm } from "./dossier-forms.ts";
import { loadFonts } from "./fonts.loader.ts";
import { formErrors } from "./forms.errors.ts";

export interface FormsContext {
  db: Db;
  deployment: DeploymentBase;
  calendar: WorkCalendar;
  now: Date;
  /** Where citizens reach motcua (MOTCUA_PUBLIC_URL); the deployment's default otherwise. */
  publicUrl?: string;
}

/** Which journal entry a form prints, and when a form does not apply to the dossier. */
const SOURCE: Record<DossierFormNumber, { types: string[]; outcome?: string } | null> = {
  "01": null,
  "02": { types: ["receive", "request-completion", "request-supplement"], outcome: "request-completion" },
  "03": { types: ["receive", "refuse"], outcome: "refuse" },
  "04": { types: ["reappoint"] },
  "05": { types: ["stop"] },
  "06": null,
};

export const trackingUrl = (base: string, code: string) =>
  `${base.replace(/\/$/, "")}/tra-cuu?ma=${encodeURIComponent(code)}`;

export function legalTimeText(d: Duration): string {
  switch (d.kind) {
    case "working":
      return d.minutes % 480 === 0
        ? `${d.minutes / 480} ngày làm việc`
        : `${Math.round((d.minutes / 60) * 10) / 10} giờ làm việc`;
    case "calendar":
      return `${d.days} ngày`;
    case "same-day":
      return `Trong ngày (nhận trước ${d.cutoff})`;
    case "none":
      return "Không quy định";
  }
}

export async function dossierFormPdf(
  ctx: FormsContext,
  code: string,
  actor: Actor,
  form: DossierFormNumber,
  checked?: CheckedDossier,
  /** The PIN shown to the desk at reception, to print on the receipt (only a hash is stored). */
  receiptPin?: string,
): Promise<Result<Buffer, AppError>> {
  const { db, deployment, calendar: cal, now } = ctx;
  const readable = await readableDossier(db, code, actor, checked);
  if (!readable.ok) return readable;
  const d = readable.value;
  if (!d) return err(dossierErrors.notFound(code));
  const process = await processVersion(db, d.procedure_code, d.process_version);
  const actions = await db
    .selectFrom("dossier_action as a")
    .leftJoin("official as o", "o.id", "a.actor_id")
    .select(["a.seq", "a.type", "a.at", "a.note", "a.payload", "o.full_name"])
    .where("a.dossier_id", "=", d.id)
    .orderBy("a.seq")
    .execute();
  const source = SOURCE[form];
  const entry = source
    ? [...actions]
        .reverse()
        .find(
          (a) =>
            source.types.includes(a.type) && (a.type !== "receive" || a.payload.outcome === source.outcome),
        )
    : undefined;
  if (source && !entry) return err(formErrors.notApplicable(form));
  if (form === "01" && !d.first_due_at && d.status !== "received") return err(formErrors.notApplicable(form));
  const agencies = await db
    .selectFrom("agency")
    .select(["code", "name"])
    .where("code", "in", [d.receiving_agency, d.handling_agency])
    .execute();
  const nameOf = (c: string) => agencies.find((a) => a.code === c)?.name ?? c;
  const trail = form === "06" ? await dossierTrail(db, cal, d, process, now) : { holdings: [] };
  if (receiptPin !== undefined && (form !== "01" || d.pin_hash !== pinHash(d.code, receiptPin))) {
    return err(formErrors.wrongReceiptPin());
  }
  const url = trackingUrl(ctx.publicUrl ?? deployment.publicBaseUrl, d.code);
  const text = (t: Date | null) => (t ? vnDateTime(t) : "—");
  const data: DossierFormData = {
    code: d.code,
    agencyName: nameOf(d.receiving_agency),
    handlingAgencyName: nameOf(d.handling_agency),
    procedureName: d.procedure_name,
    legalTime: legalTimeText(process.duration),
    applicant: d.applicant,
    components: d.components,
    receivedAt: text(d.received_at),
    dueAt: text(d.due_at),
    collectAt: `Bộ phận Một cửa, ${nameOf(d.receiving_agency)}`,
    receiverName: actions[0]?.full_name ?? "",
    trackingUrl: url,
    pin: receiptPin ?? null,
    qrPng: await QRCode.toBuffer(url, { margin: 1, width: 160, errorCorrectionLevel: "M" }),
    reason: entry?.note ?? "",
    missingItems: (entry?.payload.missingItems as string[] | undefined) ?? [],
    previousDueAt: text(d.first_due_at),
    issuedAt: text(entry?.at ?? null),
    holdings: trail.holdings.map((h) => ({
      ...h,
      fromText: text(h.from),
      toText: text(h.to),
      dueText: text(h.dueAt),
      hours: (Math.round((h.workingMs / 3_600_000) * 10) / 10).toString(),
    })),
  };
  return ok(await renderDossierForm(form, data, loadFonts()));
}
