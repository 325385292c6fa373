import { type Insertable, sql } from "kysely";
import { nfcDeep } from "../../kernel/common/nfc.ts";
import { insertInBatches } from "../../kernel/db/batch-insert.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { ProcedureTable } from "../../kernel/db/schema.ts";
import type { CatalogImportOutcome, CatalogImportStats, ParseProblem, Procedure } from "./catalog.types.ts";
import { readCrawlArchive } from "./crawl-archive.loader.ts";
import { readMinistryLists } from "./ministry-lists.loader.ts";
import { crossCheck } from "./ministry-lists.ts";
import { isFullyParsed, parseProcedure } from "./parse-procedure.ts";

/** Parses the whole crawl, then replaces the catalogue in one transaction. */
export async function importCatalog(
  db: Db,
  onProgress?: (done: number) => void,
): Promise<CatalogImportOutcome> {
  const procedures: { procedure: Procedure; raw: Record<string, unknown> }[] = [];
  const problems: ParseProblem[] = [];
  let records = 0;
  let fullyParsed = 0;
  const lists = await readMinistryLists();
  const listed = new Map(lists.map((r) => [r.code, r]));
  const crawlNames = new Map<string, string>();
  for await (const { ministry, raw } of readCrawlArchive()) {
    records++;
    crawlNames.set(raw.ma_thu_tuc.trim(), raw.ten_thu_tuc);
    const parsed = parseProcedure(raw, ministry, listed.get(raw.ma_thu_tuc.trim()));
    problems.push(...parsed.problems);
    if (isFullyParsed(parsed.procedure, parsed.problems)) fullyParsed++;
    if (parsed.procedure) procedures.push({ procedure: parsed.procedure, raw });
    if (records % 500 === 0) onProgress?.(records);
  }
  onProgress?.(records);
  problems.push(...crossCheck(crawlNames, lists));
  const rows = procedures.map(({ procedure: p, raw }) => toRow(p, raw));
  const results = procedures.flatMap(({ procedure: p }) =>
    dedupe(p.results.map((r) => ({ result_code: r.code, procedure_code: p.code, name: r.name }))),
  );
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("catalog_parse_problem").execute();
    await tx.deleteFrom("procedure_result").execute();
    await tx.deleteFrom("procedure").execute();
    await insertInBatches(tx, "procedure", rows);
    await sql`
      INSERT INTO procedure_search (code, name, field, levels, search_text)
      SELECT code, name, field, levels, lower(f_unaccent(code || ' ' || name || ' ' || field)) FROM procedure`.execute(
      tx,
    );
    await insertInBatches(tx, "procedure_result", results);
    await insertInBatches(
      tx,
      "catalog_parse_problem",
      problems.map((x) => ({
        procedure_code: x.code,
        field: x.field,
        problem: x.problem,
        severity: x.severity,
      })),
    );
  });
  return {
    stats: summarise(
      records,
      fullyParsed,
      procedures.map((x) => x.procedure),
      problems,
    ),
    problems,
  };
}

function toRow(parsed: Procedure, crawled: Record<string, unknown>): Insertable<ProcedureTable> {
  // The crawled pages mix composed and decomposed text; the catalogue stores NFC, as the API takes it.
  const p = nfcDeep(parsed);
  const raw = nfcDeep(crawled);
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    levels: p.levels,
    ministry: p.ministry,
    decision_number: p.decisionNumber,
    procedure_type: p.procedureType,
    applicant_types: p.applicantTypes,
    competent_agency: p.competentAgency,
    issuing_body: p.issuingBody,
    implementing_agencies: p.implementingAgencies,
    channels: JSON.stringify(p.channels),
    components: JSON.stringify(p.components),
    results: JSON.stringify(p.results),
    legal_basis: JSON.stringify(p.legalBasis),
    detail_url: p.detailUrl,
    raw: JSON.stringify(raw),
  };
}

function dedupe<T extends { result_code: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.result_code) && seen.add(r.result_code));
}

function summarise(
  records: number,
  fullyParsed: number,
  ps: Procedure[],
  problems: ParseProblem[],
): CatalogImportStats {
  const count = (f: (p: Procedure) => boolean) => ps.filter(f).length;
  return {
    records,
    imported: ps.length,
    fullyParsed,
    withProcessingTime: count((p) => p.channels.some((c) => c.time !== null)),
    withNoDeadline: count((p) => p.channels.some((c) => c.noDeadline) && p.channels.every((c) => !c.time)),
    timeNotStated: count((p) => p.channels.every((c) => c.time === null && !c.noDeadline)),
    withFeeStated: count((p) => p.channels.some((c) => c.fee.kind !== "unknown")),
    feeNotStated: count((p) => p.channels.every((c) => c.fee.kind === "unknown")),
    withComponents: count((p) => p.components.length > 0),
    withResultCodes: count((p) => p.results.length > 0),
    withLegalBasis: count((p) => p.legalBasis.length > 0),
    withAgency: count((p) => p.competentAgency !== "" || p.implementingAgencies.length > 0),
    inMinistryLists: count((p) => p.issuingBody !== ""),
    errors: problems.filter((x) => x.severity === "error").length,
    warnings: problems.filter((x) => x.severity === "warning").length,
  };
}
