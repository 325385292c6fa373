import { sql } from "kysely";
import { type AppError, appError } from "../common/app-error.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { Db } from "../db/database.ts";
import type { Procedure } from "./catalog.types.ts";

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  levels: string[];
  score: number;
}

/**
 * Ranked search without diacritics: "ket hon" finds "Thủ tục đăng ký kết hôn". Every word must
 * appear (unaccented, as a substring) unless the text is too misspelt to match, in which case the
 * trigram word similarity still finds close names.
 */
export async function searchProcedures(
  db: Db,
  q: string,
  opts: { limit?: number; offset?: number; field?: string } = {},
): Promise<ProcedureSummary[]> {
  const text = q.trim().slice(0, 200);
  if (!text) return [];
  const norm = sql<string>`lower(f_unaccent(${text}))`;
  const words = text.split(/\s+/).filter(Boolean).slice(0, 10);
  const allWords = sql.join(
    words.map((w) => sql`search_text LIKE '%' || lower(f_unaccent(${w})) || '%'`),
    sql` AND `,
  );
  let query = db
    .selectFrom("procedure")
    .select([
      "code",
      "name",
      "field",
      "levels",
      sql<number>`(CASE WHEN code = ${text} THEN 2 ELSE 0 END)
        + (CASE WHEN search_text LIKE '%' || ${norm} || '%' THEN 1 ELSE 0 END)
        + word_similarity(${norm}, search_text)`.as("score"),
    ])
    .where((eb) => eb.or([eb(sql`(${allWords})`, "=", true), eb(sql`${norm} <% search_text`, "=", true)]));
  if (opts.field) query = query.where("field", "=", opts.field);
  return query
    .orderBy("score", "desc")
    .orderBy(sql`length(name)`)
    .orderBy("code")
    .limit(Math.min(opts.limit ?? 20, 100))
    .offset(opts.offset ?? 0)
    .execute();
}

export async function getProcedure(db: Db, code: string): Promise<Result<Procedure, AppError>> {
  if (!/^\d\.\d{6}$/.test(code)) return err(catalogErrors.badCode(code));
  const row = await db
    .selectFrom("procedure")
    .select([
      "code",
      "name",
      "field",
      "levels",
      "ministry",
      "decision_number as decisionNumber",
      "procedure_type as procedureType",
      "applicant_types as applicantTypes",
      "competent_agency as competentAgency",
      "issuing_body as issuingBody",
      "implementing_agencies as implementingAgencies",
      "channels",
      "components",
      "results",
      "legal_basis as legalBasis",
      "detail_url as detailUrl",
    ])
    .where("code", "=", code)
    .executeTakeFirst();
  return row ? ok(row) : err(catalogErrors.notFound(code));
}

export const catalogErrors = {
  badCode: (code: string): AppError =>
    appError(
      "PROCEDURE_BAD_CODE",
      400,
      `Mã thủ tục "${code}" không đúng dạng (ví dụ 1.001193).`,
      `"${code}" is not a procedure code (e.g. 1.001193).`,
    ),
  notFound: (code: string): AppError =>
    appError(
      "PROCEDURE_NOT_FOUND",
      404,
      `Không có thủ tục mã ${code} trong danh mục.`,
      `No procedure ${code} in the catalogue.`,
    ),
};
