import { createHash, randomInt } from "node:crypto";
import { sql } from "kysely";
import type { Deployment } from "../agencies/deployment.types.ts";
import { isoDateOf } from "../calendar/local-time.ts";
import type { WorkCalendar } from "../calendar/work-calendar.ts";
import { type AppError, appError } from "../common/app-error.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import { decodeIdentityNumber } from "../identity/cccd.ts";
import { currentProcess } from "../processes/processes.service.ts";
import { dueFrom, forwardingDue } from "./deadlines.ts";
import type { ReceptionRequest } from "./dossier.types.ts";
import { formatDossierCode } from "./dossier-code.ts";
import type { DossierStatus } from "./dossier-status.ts";
import type { Actor } from "./lifecycle.ts";

export interface ReceptionResult {
  code: string;
  /** Shown once, on the receipt; citizens track with code + PIN. */
  pin: string;
  status: DossierStatus;
  dvcqgStatus: number;
  receivedAt: Date;
  dueAt: Date | null;
  /** Catalogue components that were not submitted (many are conditional: for the official to judge). */
  componentsNotSubmitted: string[];
  replayed: boolean;
}

export interface ReceptionContext {
  db: Db;
  deployment: Deployment;
  calendar: WorkCalendar;
  now: Date;
}

export const pinHash = (code: string, pin: string) =>
  createHash("sha256").update(`${code}:${pin}`).digest("hex");
const squash = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/** Tiếp nhận hồ sơ: accept, ask for completion (mẫu 02) or refuse (mẫu 03), in one transaction. */
export async function receiveDossier(
  ctx: ReceptionContext,
  actor: Actor,
  req: ReceptionRequest,
  idempotencyKey?: string,
): Promise<Result<ReceptionResult, AppError>> {
  const { db, deployment, calendar, now } = ctx;
  if (!actor.roles.includes("desk")) return err(receptionErrors.notDesk());
  if (req.applicant.kind === "individual") {
    const id = decodeIdentityNumber(req.applicant.idNumber, now);
    if (!id.ok) return err(id.error);
  }
  const procedure = await db
    .selectFrom("procedure")
    .select(["name", "components"])
    .where("code", "=", req.procedureCode)
    .executeTakeFirst();
  if (!procedure) return err(receptionErrors.unknownProcedure(req.procedureCode));
  const known = new Set(procedure.components.map((c) => squash(c.name)));
  const unknown = req.components.filter((c) => !known.has(squash(c.name))).map((c) => c.name);
  if (unknown.length > 0) return err(receptionErrors.unknownComponents(unknown));
  const submitted = new Set(req.components.map((c) => squash(c.name)));
  const notSubmitted = [...new Set(procedure.components.map((c) => c.name))].filter(
    (n) => !submitted.has(squash(n)),
  );
  const handlingAgency = req.handlingAgency ?? actor.agencyCode;
  if (!(await db.selectFrom("agency").select("code").where("code", "=", handlingAgency).executeTakeFirst())) {
    return err(receptionErrors.unknownAgency(handlingAgency));
  }
  const process = await currentProcess(db, req.procedureCode, req.channel);
  if (!process.ok) return err(process.error);

  const status: DossierStatus =
    req.outcome === "accept" ? "received" : req.outcome === "refuse" ? "refused" : "awaiting-completion";
  const dueAt = status === "received" ? dueFrom(calendar, now, process.value.duration) : null;
  return db.transaction().execute(async (tx) => {
    if (idempotencyKey) {
      // Same key, same official: later attempts wait here, then find the first one's dossier.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`${actor.id}:${idempotencyKey}`}))`.execute(tx);
      const seen = await tx
        .selectFrom("idempotency_key as k")
        .innerJoin("dossier as d", "d.id", "k.dossier_id")
        .select(["d.code", "d.status", "d.dvcqg_status", "d.received_at", "d.due_at"])
        .where("k.official_id", "=", actor.id)
        .where("k.key", "=", idempotencyKey)
        .executeTakeFirst();
      if (seen) {
        return ok({
          code: seen.code,
          pin: "",
          status: seen.status,
          dvcqgStatus: seen.dvcqg_status,
          receivedAt: seen.received_at,
          dueAt: seen.due_at,
          componentsNotSubmitted: notSubmitted,
          replayed: true,
        });
      }
    }
    // The counter row is locked until commit: codes are gap-free and never collide.
    const day = isoDateOf(calendar.localParts(now.getTime()).day);
    const { last } = await tx
      .insertInto("dossier_code_counter")
      .values({ agency_code: actor.agencyCode, day, last: 1 })
      .onConflict((oc) =>
        oc.columns(["agency_code", "day"]).doUpdateSet({ last: sql`dossier_code_counter.last + 1` }),
      )
      .returning("last")
      .executeTakeFirstOrThrow();
    const code = formatDossierCode(deployment.dossierCodeTemplate, actor.agencyCode, day, last);
    const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const finished = status === "refused" ? now : null;
    const dvcqgStatus = deployment.dvcqgMapping[status] ?? 0;
    const stepDueAt = status === "received" ? forwardingDue(calendar, now) : null;
    const { id } = await tx
      .insertInto("dossier")
      .values({
        code,
        pin_hash: pinHash(code, pin),
        procedure_code: req.procedureCode,
        procedure_name: procedure.name,
        process_version: process.value.version,
        channel: req.channel,
        applicant: JSON.stringify(req.applicant),
        submission: JSON.stringify(req.submission),
        components: JSON.stringify(req.components),
        receiving_agency: actor.agencyCode,
        handling_agency: handlingAgency,
        status,
        dvcqg_status: dvcqgStatus,
        step_index: null,
        step_role: "desk",
        step_agency: actor.agencyCode,
        step_started_at: now,
        step_due_at: stepDueAt,
        received_at: now,
        due_at: dueAt,
        first_due_at: dueAt,
        finished_at: finished,
        last_seq: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("dossier_action")
      .values({
        dossier_id: id,
        seq: 1,
        type: "receive",
        actor_id: actor.id,
        actor_agency: actor.agencyCode,
        at: now,
        note: req.reason ?? "",
        payload: JSON.stringify({
          outcome: req.outcome,
          channel: req.channel,
          missingItems: req.missingItems ?? [],
        }),
        from_status: null,
        to_status: status,
        step_key: null,
        step_due_at: stepDueAt,
      })
      .execute();
    if (idempotencyKey) {
      await tx
        .insertInto("idempotency_key")
        .values({ key: idempotencyKey, official_id: actor.id, dossier_id: id })
        .execute();
    }
    return ok({
      code,
      pin,
      status,
      dvcqgStatus,
      receivedAt: now,
      dueAt,
      componentsNotSubmitted: notSubmitted,
      replayed: false,
    });
  });
}

export const receptionErrors = {
  notDesk: (): AppError =>
    appError(
      "RECEPTION_FORBIDDEN",
      403,
      "Chỉ cán bộ Bộ phận Một cửa được tiếp nhận hồ sơ.",
      "Only desk officers receive dossiers.",
    ),
  unknownProcedure: (code: string): AppError =>
    appError(
      "PROCEDURE_NOT_FOUND",
      404,
      `Không có thủ tục mã ${code} trong danh mục.`,
      `No procedure ${code}.`,
    ),
  unknownComponents: (names: string[]): AppError =>
    appError(
      "RECEPTION_UNKNOWN_COMPONENTS",
      400,
      `Thành phần hồ sơ không có trong danh mục của thủ tục: ${names.join("; ")}.`,
      "Components not in the procedure's list.",
      { components: names },
    ),
  unknownAgency: (code: string): AppError =>
    appError("AGENCY_NOT_FOUND", 400, `Không có cơ quan mã ${code}.`, `No agency ${code}.`),
};
