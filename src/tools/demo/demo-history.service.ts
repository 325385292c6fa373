import { sql } from "kysely";
import type { DossierDeployment } from "../../casework/dossiers/dossier.settings.ts";
import { formatDossierCode } from "../../casework/dossiers/dossier-code.ts";
import {
  appendHistory,
  type History,
  purgeSyntheticDossiers,
} from "../../casework/dossiers/journal.repository.ts";
import { holder } from "../../casework/dossiers/lifecycle.ts";
import { pinHash } from "../../casework/dossiers/reception.service.ts";
import type { Db } from "../../kernel/db/database.ts";
import { rebuildKpiIn } from "../../oversight/kpi/recompute.service.ts";
import { isoDateOf } from "../../reference/calendar/local-time.ts";
import type { WorkCalendar } from "../../reference/calendar/work-calendar.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { currentProcess } from "../../reference/processes/processes.service.ts";
import { syntheticApplicant } from "./people.ts";
import { SeededRandom } from "./random.ts";
import { simulateDossier } from "./simulate-dossier.ts";

export interface DemoOptions {
  dossiers: number;
  seed: number;
  /** The history covers the year before this moment. */
  until: Date;
  onProgress?: (done: number) => void;
}

const YEAR_MS = 365 * 86_400_000;

/** Deletes earlier synthetic dossiers (only those), then writes a new synthetic year, all in one transaction. */
export async function generateDemoHistory(
  db: Db,
  deployment: DossierDeployment,
  cal: WorkCalendar,
  opts: DemoOptions,
) {
  const started = Date.now();
  const rnd = new SeededRandom(opts.seed);
  const centre = deployment.agencies.find((a) => a.kind === "service-centre")?.code ?? "";
  const desks = await db
    .selectFrom("agency")
    .select(["code", "parent_code"])
    .where("kind", "=", "commune-desk")
    .orderBy("code")
    .execute();
  const officials = await db
    .selectFrom("official")
    .select(["id", "username"])
    .where("agency_code", "=", centre)
    .execute();
  const officialId = new Map(officials.map((o) => [o.username, o.id]));
  const pool = async (level: string) =>
    (
      await db
        .selectFrom("procedure")
        .select(["code", "name", "components"])
        .where(sql<boolean>`${level} = ANY(levels)`)
        .where(sql<boolean>`jsonb_path_exists(channels, '$[*] ? (@.time.unit == "working-days")')`)
        .orderBy("code")
        .limit(200)
        .execute()
    ).filter((p) => p.components.length > 0);
  const communeProcedures = await pool("Cấp xã");
  const provinceProcedures = await pool("Cấp tỉnh");
  const processes = new Map<string, Awaited<ReturnType<typeof currentProcess>>>();
  const processOf = async (code: string, channel: 1 | 2 | 3) => {
    let p = processes.get(code);
    if (!p) {
      p = await currentProcess(db, code, channel);
      processes.set(code, p);
    }
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  };
  const counters = new Map<string, number>();
  const start = opts.until.getTime() - YEAR_MS;
  const dossiers: History["dossiers"] = [];
  const actions: History["actions"] = [];
  const ids = await sql<{
    id: string;
  }>`SELECT nextval('dossier_id_seq')::text AS id FROM generate_series(1, ${opts.dossiers})`.execute(db);
  for (let i = 0; i < opts.dossiers; i++) {
    const atCommune = desks.length > 0 && rnd.chance(0.6);
    const desk = atCommune ? rnd.pick(desks) : null;
    const receiving = desk?.code ?? centre;
    const handling = desk?.parent_code ?? centre;
    const procedure = rnd.pickSkewed(atCommune ? communeProcedures : provinceProcedures);
    // Channel mix: most files come online through DVCQG; some "online" ones were keyed in by officials.
    const channel = rnd.chance(0.62) ? 2 : rnd.chance(0.9) ? 1 : 3;
    const byOfficial = channel === 2 && rnd.chance(0.18);
    const process = await processOf(procedure.code, channel);
    const receivedAtRaw = new Date(
      cal.instantAtWorkingTime(
        cal.workingTimeAt(start) +
          rnd.next() * (cal.workingTimeAt(opts.until.getTime()) - cal.workingTimeAt(start)),
      ),
    );
    // Officials' clocks show minutes; the instant inside a session stays inside it when truncated.
    const receivedAt = new Date(receivedAtRaw.getTime() - (receivedAtRaw.getTime() % 60_000));
    const actorFor = (role: string, agencyCode: string) => ({
      id: agencyCode === centre ? (officialId.get(role) ?? 0) : 0,
      roles: [role as Role],
      agencyCode,
    });
    const sim = simulateDossier(rnd, cal, process, { receiving, handling }, actorFor, receivedAt, opts.until);
    const day = isoDateOf(cal.localParts(receivedAt.getTime()).day);
    const seq = (counters.get(`${receiving}|${day}`) ?? 0) + 1;
    counters.set(`${receiving}|${day}`, seq);
    const code = formatDossierCode(deployment.dossierCodeTemplate, receiving, day, seq);
    const id = ids.rows[i]?.id ?? "";
    const h = holder(sim.view);
    const open = sim.finishedAt === null;
    dossiers.push({
      id,
      code,
      pin_hash: pinHash(code, String(rnd.int(0, 999_999)).padStart(6, "0")),
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      process_version: process.version,
      channel,
      applicant: JSON.stringify(syntheticApplicant(rnd, rnd.chance(0.12))),
      submission: JSON.stringify({
        by: byOfficial ? "official" : "applicant",
        vneidVerified: channel === 2 && !byOfficial,
        agencyNetwork: byOfficial,
      }),
      components: JSON.stringify(
        // Synthetic proportions near the 2023 review's: about 3 in 4 paper components digitised
        // at the desk, 1 in 12 reused from documents on file.
        procedure.components.slice(0, rnd.int(1, 3)).map((c) => {
          const reuse = rnd.chance(0.08);
          const scan = !reuse && rnd.chance(0.75);
          return {
            name: c.name,
            form: reuse ? "reuse" : scan ? "scan" : "paper",
            originals: c.originals,
            copies: c.copies,
            ...(scan ? { digitised: true } : {}),
            ...(reuse ? { reused: true, replacedResultCode: "" } : {}),
          };
        }),
      ),
      receiving_agency: receiving,
      handling_agency: handling,
      status: sim.view.status,
      dvcqg_status: deployment.dvcqgMapping[sim.view.status] ?? 0,
      step_index: sim.view.stepIndex,
      step_role: h.role,
      step_agency: h.agencyCode,
      step_started_at: sim.stepStartedAt,
      step_due_at: sim.stepDueAt,
      received_at: receivedAt,
      due_at: sim.dueAt,
      first_due_at: sim.firstDueAt,
      finished_at: sim.finishedAt,
      returned_at: sim.returnedAt,
      paused_at: sim.pausedAt,
      paused_working_ms: sim.pausedMs,
      reappointed: sim.view.reappointed,
      late: sim.late || (open && sim.dueAt !== null && sim.dueAt < opts.until),
      result_kind: sim.resultKind,
      // About 2 in 5 results electronic and signed (the review: 26.93% to 40.91%); the rest on paper.
      // Synthetic flags only: live results get real signed PDFs.
      ...(sim.resultKind
        ? rnd.chance(0.4)
          ? { signing_state: "signed" }
          : {
              signing_state: "paper",
              paper_result_reason: "Người nộp đề nghị nhận bản giấy (dữ liệu tổng hợp)",
            }
        : {}),
      last_seq: sim.actions.length,
      // Synthetic: most of the past reached the portal; some never did (indicator 1.4).
      sync_state: rnd.chance(0.96) ? "synced" : "pending",
      identity_check: rnd.chance(0.65) ? "verified" : "not-configured",
      synthetic: true,
      updated_at: sim.actions.at(-1)?.at ?? receivedAt,
    });
    for (const [k, a] of sim.actions.entries()) {
      actions.push({
        dossier_id: id,
        seq: k + 1,
        type: a.type,
        actor_id: a.actor.id || null,
        actor_agency: a.actor.agencyCode,
        at: a.at,
        note: a.note,
        payload: JSON.stringify(a.payload),
        from_status: a.fromStatus,
        to_status: a.toStatus,
        step_key: a.stepKey,
        step_due_at: a.stepDueAt,
      });
    }
    if ((i + 1) % 5000 === 0) opts.onProgress?.(i + 1);
  }
  await db.transaction().execute(async (tx) => {
    await purgeSyntheticDossiers(tx);
    // A synthetic past is not news to the national portal; the rebuild below counts it.
    await appendHistory(tx, { dossiers, actions }, { publish: false, kpi: "rebuilt-by-caller" });
    // Live receptions continue the counters the history used, so codes never collide.
    const rows = [...counters].map(([k, last]) => {
      const [agency_code = "", day = ""] = k.split("|");
      return { agency_code, day, last };
    });
    for (let i = 0; i < rows.length; i += 5000) {
      await tx
        .insertInto("dossier_code_counter")
        .values(rows.slice(i, i + 5000))
        .onConflict((oc) =>
          oc
            .columns(["agency_code", "day"])
            .doUpdateSet({ last: sql`GREATEST(dossier_code_counter.last, excluded.last)` }),
        )
        .execute();
    }
    // The reform indicators count the new history as it commits.
    await rebuildKpiIn(tx);
  });
  return { dossiers: dossiers.length, actions: actions.length, ms: Date.now() - started };
}
