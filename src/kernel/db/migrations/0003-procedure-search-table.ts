import { type Kysely, sql } from "kysely";

// Search reads a narrow table: scanning the wide procedure rows (raw text, JSON) cost ~1,900 heap
// blocks a query.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE procedure_search (
      code text PRIMARY KEY REFERENCES procedure (code) ON DELETE CASCADE,
      name text NOT NULL,
      field text NOT NULL,
      levels text[] NOT NULL,
      search_text text NOT NULL
    )`.execute(db);
  await sql`
    INSERT INTO procedure_search (code, name, field, levels, search_text)
    SELECT code, name, field, levels, lower(f_unaccent(code || ' ' || name || ' ' || field)) FROM procedure`.execute(
    db,
  );
  await sql`CREATE INDEX procedure_search_text_trgm ON procedure_search USING gin (search_text gin_trgm_ops)`.execute(
    db,
  );
  await sql`ALTER TABLE procedure DROP COLUMN search_text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE procedure ADD COLUMN search_text text
    GENERATED ALWAYS AS (lower(f_unaccent(code || ' ' || name || ' ' || field))) STORED`.execute(db);
  await sql`CREATE INDEX procedure_search_trgm ON procedure USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`DROP TABLE procedure_search`.execute(db);
}
