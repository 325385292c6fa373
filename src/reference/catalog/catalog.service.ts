import { type RawBuilder, sql } from "kysely";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { catalogErrors } from "./catalog.errors.ts";
import type { Procedure } from "./catalog.types.ts";

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  levels: string[];
  score: number;
}

/**
 * Ranked search without diacritics: "ket hon" finds "Thủ tục đăng ký kết hôn". First every word
 * must appear (unaccented); only when that finds too few are close names added for misspelt text,
 * ranked by trigram word similarity. (Trigram candidates alone cost ~100 ms: common syllables
 * such as "dang" match thousands.)
 */
export async function searchProcedures(
  db: Db,
  q: string,
  opts: { limit?: number; offset?: number; field?: string } = {},
): Promise<ProcedureSummary[]> {
  const text = q.trim().slice(0, 200);
  if (!text) return [];
  const limit = Math.min(opts.limit ?? 20, 100);
  const offset = opts.offset ?? 0;
  const norm = sql<string>`lower(f_unaccent(${text}))`;
  const words = text.split(/\s+/).filter(Boolean).slice(0, 10);
  const allWords = sql.join(
    words.map((w) => sql`search_text LIKE '%' || lower(f_unaccent(${w})) || '%'`),
    sql` AND `,
  );
  const ranked = (where: RawBuilder<boolean>) => {
    let query = db
      .selectFrom("procedure_search")
      .select([
        "code",
        "name",
        "field",
        "levels",
        sql<number>`(CASE WHEN code = ${text} THEN 2 ELSE 0 END)
          + (CASE WHEN search_text LIKE '%' || ${norm} || '%' THEN 1 ELSE 0 END)
          + word_similarity(${norm}, search_text)`.as("score"),
      ])
      .where(where);
    if (opts.field) query = query.where("field", "=", opts.field);
    return query.orderBy("score", "desc").orderBy(sql`length(name)`).orderBy("code");
  };
  const exact = await ranked(sql<boolean>`(${allWords})`).limit(limit).offset(offset).execute();
  // A code is exact or absent; its trigrams (digits) would match the whole catalogue.
  if (exact.length === limit || offset > 0 || /^\d\.\d{6}$/.test(text)) return exact;
  // One word misspelt among several: the others must still match. A lone word: trigram similarity.
  const matched = sql.join(
    words.map((w) => sql`(search_text LIKE '%' || lower(f_unaccent(${w})) || '%')::int`),
    sql` + `,
  );
  const close = words.length > 1 ? sql`${matched} >= ${words.length - 1}` : sql`${norm} <% search_text`;
  const fuzzy = await ranked(sql<boolean>`NOT (${allWords}) AND ${close}`)
    .limit(limit - exact.length)
    .execute();
  return [...exact, ...fuzzy];
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
