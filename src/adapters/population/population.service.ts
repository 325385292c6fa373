import type { Applicant } from "../../casework/dossiers/dossier.types.ts";
import type { IdentityCheck } from "../../casework/dossiers/reception.service.ts";
import { appendSystemEntry } from "../../casework/dossiers/system-entry.repository.ts";
import { maskIdNumber } from "../../kernel/common/mask.ts";
import { ok } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { successorsOf } from "../../reference/units/units.service.ts";
import { CircuitBreaker } from "./circuit-breaker.ts";
import { lookupCitizen, type PopulationConfig } from "./population.client.ts";
import { type Citizen, matchApplicant, type IdentityCheck as PopulationCheck } from "./population.types.ts";

export interface LookupOutcome {
  outcome: "found" | "not-found" | "unavailable";
  citizen: Citizen | null;
  ms: number;
}

export interface LookupPurpose {
  officialId: number | null;
  officialCode: string;
  purpose: string;
  dossierId: string | null;
}

/**
 * The population database behind a timeout, a circuit breaker and a short cache: when it is slow
 * or down, callers get "unavailable" at once and carry on (reception never waits for it).
 * Reception reaches it through the IdentityCheck port.
 */
export class PopulationGateway implements IdentityCheck {
  private readonly breaker = new CircuitBreaker(5, 30_000);
  private readonly cache = new Map<string, { at: number; citizen: Citizen }>();

  constructor(
    readonly config: PopulationConfig,
    private readonly cacheTtlMs = 10 * 60_000,
  ) {}

  breakerState() {
    return this.breaker.state(Date.now());
  }

  async lookup(
    q: { idNumber: string; name?: string; birthDate?: string },
    officialCode: string,
  ): Promise<LookupOutcome> {
    const started = Date.now();
    const hit = this.cache.get(q.idNumber);
    if (hit && started - hit.at < this.cacheTtlMs) return { outcome: "found", citizen: hit.citizen, ms: 0 };
    if (!this.breaker.allow(started)) return { outcome: "unavailable", citizen: null, ms: 0 };
    const r = await lookupCitizen(this.config, { ...q, officialCode });
    const ms = Date.now() - started;
    if (!r.ok) {
      this.breaker.failure(Date.now());
      return { outcome: "unavailable", citizen: null, ms };
    }
    this.breaker.success();
    if (!r.value) return { outcome: "not-found", citizen: null, ms };
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(q.idNumber, { at: Date.now(), citizen: r.value });
    return { outcome: "found", citizen: r.value, ms };
  }

  verdict(o: LookupOutcome, applicant: Applicant): PopulationCheck {
    return identityCheckOf(o, applicant);
  }

  log(tx: Db, idNumber: string, who: LookupPurpose, o: LookupOutcome): Promise<void> {
    return logLookup(tx, idNumber, who, o);
  }
}

/** Every lookup is logged: who, why, which dossier, the outcome; the number is masked. */
export async function logLookup(
  db: Db,
  idNumber: string,
  who: LookupPurpose,
  o: LookupOutcome,
): Promise<void> {
  await db
    .insertInto("population_lookup")
    .values({
      official_id: who.officialId,
      purpose: who.purpose,
      dossier_id: who.dossierId,
      id_number_masked: maskIdNumber(idNumber),
      outcome: o.outcome,
      ms: o.ms,
    })
    .execute();
}

export function identityCheckOf(o: LookupOutcome, applicant: Applicant): PopulationCheck {
  if (o.outcome === "unavailable") return "pending";
  if (!o.citizen) return "not-found";
  return matchApplicant(o.citizen, applicant) ? "verified" : "mismatch";
}

/** Prefill for the desk: the record, with an old commune code mapped to today's commune. */
export async function citizenForDesk(db: Db, gw: PopulationGateway, idNumber: string, who: LookupPurpose) {
  const o = await gw.lookup({ idNumber }, who.officialCode);
  await logLookup(db, idNumber, who, o);
  if (!o.citizen) return ok({ outcome: o.outcome, citizen: null, commune: null });
  const code = o.citizen.permanentAddress.communeCode;
  const current = await db
    .selectFrom("admin_unit")
    .select(["code", "full_name"])
    .where("code", "=", code)
    .where("era", "=", "post2025")
    .where("level", "=", "commune")
    .executeTakeFirst();
  const successors = current ? [] : await successorsOf(db, "commune", code);
  const commune = current
    ? { code: current.code, fullName: current.full_name, mappedFrom: null }
    : successors.length === 1 && successors[0]
      ? { code: successors[0].code, fullName: successors[0].fullName, mappedFrom: code }
      : null;
  return ok({ outcome: o.outcome, citizen: o.citizen, commune });
}

/** Worker job: dossiers received while the population database was away get their check now. */
export async function completePendingChecks(db: Db, gw: PopulationGateway, now: () => Date, limit = 100) {
  const rows = await db
    .selectFrom("dossier")
    .select(["id", "applicant", "receiving_agency"])
    .where("identity_check", "=", "pending")
    .orderBy("id")
    .limit(limit)
    .execute();
  let done = 0;
  for (const d of rows) {
    const a = d.applicant;
    const o = await gw.lookup({ idNumber: a.idNumber, name: a.name }, d.receiving_agency);
    await logLookup(
      db,
      a.idNumber,
      { officialId: null, officialCode: d.receiving_agency, purpose: "reception-recheck", dossierId: d.id },
      o,
    );
    const check = identityCheckOf(o, a);
    if (check === "pending") break; // still away: try again on the next pass
    await appendSystemEntry(
      db,
      d.id,
      {
        type: "identity-verified",
        note: check === "verified" ? "Thông tin chủ hồ sơ khớp CSDL dân cư" : `Kết quả đối chiếu: ${check}`,
        payload: { result: check },
        set: { identity_check: check, identity_checked_at: now() },
      },
      now(),
    );
    done++;
  }
  return done;
}
