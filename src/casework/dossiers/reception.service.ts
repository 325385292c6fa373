import { createHash, randomInt } from "node:crypto";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { TtlCache } from "../../kernel/common/ttl-cache.ts";
import type { Db } from "../../kernel/db/database.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import { agencyErrors } from "../../reference/agencies/agency.errors.ts";
import { isoDateOf } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import { catalogErrors } from "../../reference/catalog/catalog.errors.ts";
import { decodeIdentityNumber } from "../../reference/identity/cccd.ts";
import { currentProcess } from "../../reference/processes/processes.service.ts";
import { resolveReuse } from "../documents/documents.service.ts";
import { dueFrom, forwardingDue } from "./deadlines.ts";
import { receptionErrors } from "./dossier.errors.ts";
import type { DossierDeployment as Deployment } from "./dossier.settings.ts";
import type { Applicant, ReceptionRequest } from "./dossier.types.ts";
import type { DossierStatus } from "./dossier-status.ts";
import { type KeyedRequest, keepResponse, keptResponse, lockKey } from "./idempotency.repository.ts";
import { appendReception, type ReceivedDossier, type ReceptionEntry } from "./journal.repository.ts";
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
  identityCheck: string;
  retypedFields: string[];
}

export interface ReceptionContext {
  db: Db;
  deployment: Deployment;
  calendar: WorkCalendar;
  now: Date;
  /** National systems consulted at reception (ports the adapters implement); absent ones are skipped. */
  identity?: IdentityCheck | null;
  registry?: RegistryLookup | null;
}

/** Đối chiếu CSDL quốc gia về dân cư: what reception asks of the population database. */
export interface IdentityCheck {
  /** Never throws: "unavailable" when the database is away or its breaker open. */
  lookup(q: { idNumber: string; name: string }, officialCode: string): Promise<IdentityLookup>;
  /** verified, mismatch, not-found, or pending when the database did not answer. */
  verdict(lookup: IdentityLookup, applicant: Applicant): string;
  /** Every lookup is logged (who, why, which dossier), here in the reception's own transaction. */
  log(tx: Db, idNumber: string, who: LookupPurpose, lookup: IdentityLookup): Promise<void>;
}

export interface IdentityLookup {
  outcome: "found" | "not-found" | "unavailable";
  /** The citizen's record, for the adapter's own verdict. */
  citizen: unknown;
  ms: number;
}

export interface LookupPurpose {
  officialId: number | null;
  officialCode: string;
  purpose: string;
  dossierId: string | null;
}

/** Hệ thống thông tin quốc gia về đăng ký doanh nghiệp: a business's applicant, never keyed twice. */
export interface RegistryLookup {
  /** null: not registered; an error: the registry cannot be reached. */
  applicantOf(
    kind: "enterprise" | "household",
    code: string,
    /** Fields an official typed anyway: counted as re-keyed, the registry's values win. */
    typed: Record<string, string>,
  ): Promise<Result<{ applicant: Applicant; retyped: string[] } | null, unknown>>;
}

/** How long reception waits for the population database before marking the check pending. */
const IDENTITY_BUDGET_MS = 1_500;

export const pinHash = (code: string, pin: string) =>
  createHash("sha256").update(`${code}:${pin}`).digest("hex");
const squash = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/** Tiếp nhận hồ sơ: accept, ask for completion (mẫu 02) or refuse (mẫu 03); atomic, in one statement (journal.repository.ts). */
export async function receiveDossier(
  ctx: ReceptionContext,
  actor: Actor & { id: number },
  request: ReceptionRequest,
  idempotencyKey?: string,
): Promise<Result<ReceptionResult, AppError>> {
  const { db, deployment, calendar, now } = ctx;
  if (!actor.roles.includes("desk")) return err(receptionErrors.notDesk());
  if (idempotencyKey) {
    const replay = await replayedReception(db, actor.id, idempotencyKey, request);
    if (replay) return replay;
  }
  const resolved = await resolveApplicant(ctx, request);
  if (!resolved.ok) return err(resolved.error);
  const { applicant, retyped, registryRef } = resolved.value;
  const reused = await resolveReuse(db, applicant.idNumber, request.components);
  if (!reused.ok) return err(reused.error);
  const req = { ...request, applicant, components: reused.value };
  if (applicant.kind === "individual") {
    const id = decodeIdentityNumber(applicant.idNumber, now);
    if (!id.ok) return err(id.error);
  }
  const procedure = await procedures.get(req.procedureCode, () => loadProcedure(db, req.procedureCode));
  if (!procedure) return err(catalogErrors.notFound(req.procedureCode));
  const unknown = req.components
    .filter((c) => !procedure.componentKeys.has(squash(c.name)))
    .map((c) => c.name);
  if (unknown.length > 0) return err(receptionErrors.unknownComponents(unknown));
  const submitted = new Set(req.components.map((c) => squash(c.name)));
  const notSubmitted = [...procedure.componentKeys]
    .filter(([key]) => !submitted.has(key))
    .map(([, name]) => name);
  const handlingAgency = req.handlingAgency ?? actor.agencyCode;
  const agencyExists = await agencies.get(handlingAgency, async () =>
    Boolean(
      await db.selectFrom("agency").select("code").where("code", "=", handlingAgency).executeTakeFirst(),
    ),
  );
  if (!agencyExists) return err(agencyErrors.notFound(handlingAgency));
  const process = await currentProcess(db, req.procedureCode, req.channel);
  if (!process.ok) return err(process.error);

  const status: DossierStatus =
    req.outcome === "accept" ? "received" : req.outcome === "refuse" ? "refused" : "awaiting-completion";
  const dueAt = status === "received" ? dueFrom(calendar, now, process.value.duration) : null;
  const identity = await checkIdentity(ctx, applicant, actor);
  const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const row: ReceivedDossier = {
    day: isoDateOf(calendar.localParts(now.getTime()).day),
    pin,
    status,
    dvcqgStatus: deployment.dvcqgMapping[status] ?? 0,
    dueAt,
    stepDueAt: status === "received" ? forwardingDue(calendar, now) : null,
    processVersion: process.value.version,
    procedureName: procedure.name,
    handlingAgency,
    identityCheck: identity.check,
    registryRef,
    retyped,
  };
  const entry: ReceptionEntry = {
    codeTemplate: deployment.dossierCodeTemplate,
    actor,
    at: now,
    request: req,
    dossier: row,
  };
  const answer = (code: string): ReceptionResult => ({
    code,
    pin,
    status,
    dvcqgStatus: row.dvcqgStatus,
    receivedAt: now,
    dueAt,
    componentsNotSubmitted: notSubmitted,
    replayed: false,
    identityCheck: identity.check,
    retypedFields: retyped,
  });
  if (!idempotencyKey) {
    // One statement when there is nothing else to write; otherwise one transaction, so the dossier
    // and its population-lookup record are there together or not at all.
    if (!(identity.lookup && ctx.identity)) return ok(answer((await appendReception(db, entry)).code));
    return inTransaction(db, async (tx) => {
      const { id, code } = await appendReception(tx, entry);
      await logLookupIn(tx, id);
      return ok(answer(code));
    });
  }
  const keyed: KeyedRequest = {
    officialId: actor.id,
    key: idempotencyKey,
    route: RECEPTION_ROUTE,
    body: request,
  };
  return inTransaction(db, async (tx) => {
    // Same key, same official: later attempts wait here, then answer with the first one's response.
    await lockKey(tx, keyed);
    const seen = await keptResponse(tx, keyed);
    if ("error" in seen) return err(seen.error);
    if (seen.kept) return ok(revived(seen.kept.body as StoredResult));
    const { id, code } = await appendReception(tx, entry);
    await logLookupIn(tx, id);
    const result = answer(code);
    await keepResponse(tx, keyed, { status: 201, body: result }, id);
    return ok(result);
  });

  // Written by the reception's own transaction: the lookup row points at the dossier it inserts.
  async function logLookupIn(tx: Db, dossierId: string) {
    if (identity.lookup && ctx.identity) {
      await ctx.identity.log(tx, applicant.idNumber, { ...identity.who, dossierId }, identity.lookup);
    }
  }
}

/** The route a reception's Idempotency-Key is bound to. */
export const RECEPTION_ROUTE = "POST /api/v1/dossiers";

type StoredResult = Omit<ReceptionResult, "receivedAt" | "dueAt"> & {
  receivedAt: string;
  dueAt: string | null;
};

/** A kept answer as it was first given (JSON turned its dates into strings), marked as a replay. */
const revived = (r: StoredResult): ReceptionResult => ({
  ...r,
  receivedAt: new Date(r.receivedAt),
  dueAt: r.dueAt ? new Date(r.dueAt) : null,
  replayed: true,
});

/**
 * A replay answered before any work: no second population lookup, no registry call. Null when
 * the key is new; the transaction checks again under the key's lock.
 */
export async function replayedReception(
  db: Db,
  officialId: number,
  idempotencyKey: string,
  request: ReceptionRequest,
): Promise<Result<ReceptionResult, AppError> | null> {
  const seen = await keptResponse(db, {
    officialId,
    key: idempotencyKey,
    route: RECEPTION_ROUTE,
    body: request,
  });
  if ("error" in seen) return err(seen.error);
  return seen.kept ? ok(revived(seen.kept.body as StoredResult)) : null;
}

// Reference data read on every reception; it changes only when the catalogue is re-imported.
// Component names are normalised once per cached procedure, not on every reception.
const procedures = new TtlCache<{ name: string; componentKeys: Map<string, string> } | undefined>(300_000);

async function loadProcedure(db: Db, code: string) {
  const row = await db
    .selectFrom("procedure")
    .select(["name", "components"])
    .where("code", "=", code)
    .executeTakeFirst();
  return (
    row && { name: row.name, componentKeys: new Map(row.components.map((c) => [squash(c.name), c.name])) }
  );
}
const agencies = new TtlCache<boolean>(300_000);

/** The applicant as typed, or (for a registered business) as the national registry holds it. */
async function resolveApplicant(
  ctx: ReceptionContext,
  req: ReceptionRequest,
): Promise<
  Result<
    { applicant: Applicant; retyped: string[]; registryRef: { kind: string; code: string } | null },
    AppError
  >
> {
  if (!req.registry) {
    if (!req.applicant) return err(receptionErrors.registryUnavailable());
    return ok({ applicant: req.applicant, retyped: [], registryRef: null });
  }
  if (!ctx.registry) return err(receptionErrors.registryUnavailable());
  const found = await ctx.registry.applicantOf(req.registry.kind, req.registry.code, {
    ...req.registry.typed,
  });
  if (!found.ok) return err(receptionErrors.registryUnavailable());
  if (!found.value) return err(receptionErrors.notRegistered(req.registry.code));
  const { applicant, retyped } = found.value;
  return ok({ applicant, retyped, registryRef: { kind: req.registry.kind, code: req.registry.code } });
}

/** Population check within a budget: a slow or absent database leaves it pending, never blocks. */
async function checkIdentity(ctx: ReceptionContext, applicant: Applicant, actor: Actor) {
  const who = { officialId: actor.id, officialCode: actor.agencyCode, purpose: "reception", dossierId: null };
  if (applicant.kind !== "individual") return { check: "not-applicable", lookup: null, who };
  if (!ctx.identity) return { check: "not-configured", lookup: null, who };
  const budget = new Promise<null>((r) => setTimeout(() => r(null), IDENTITY_BUDGET_MS).unref());
  const lookup = await Promise.race([
    ctx.identity.lookup({ idNumber: applicant.idNumber, name: applicant.name }, actor.agencyCode),
    budget,
  ]);
  const outcome: IdentityLookup = lookup ?? { outcome: "unavailable", citizen: null, ms: IDENTITY_BUDGET_MS };
  return { check: ctx.identity.verdict(outcome, applicant), lookup: outcome, who };
}
