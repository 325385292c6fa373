import { type Kysely, sql } from "kysely";

// SQL kept to PostgreSQL 15+: no features newer than 15.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  // unaccent() is only STABLE; an IMMUTABLE wrapper with a fixed dictionary can back an index.
  await sql`
    CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);

  await sql`
    CREATE TABLE admin_unit (
      id serial PRIMARY KEY,
      code text NOT NULL,
      era text NOT NULL CHECK (era IN ('pre2025', 'post2025')),
      level text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
      name text NOT NULL,
      full_name text NOT NULL,
      name_en text NOT NULL,
      unit_type text NOT NULL,
      parent_code text,
      province_code text NOT NULL,
      name_key text NOT NULL,
      valid_from date,
      valid_to date,
      UNIQUE (era, level, code)
    )`.execute(db);
  await sql`CREATE INDEX admin_unit_code ON admin_unit (code)`.execute(db);
  await sql`CREATE INDEX admin_unit_parent ON admin_unit (parent_code, era)`.execute(db);
  await sql`CREATE INDEX admin_unit_name_trgm ON admin_unit USING gin (f_unaccent(name_key) gin_trgm_ops)`.execute(
    db,
  );

  await sql`
    CREATE TABLE unit_succession (
      level text NOT NULL CHECK (level IN ('province', 'commune')),
      old_code text NOT NULL,
      new_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('full', 'partial')),
      PRIMARY KEY (level, old_code, new_code)
    )`.execute(db);
  await sql`CREATE INDEX unit_succession_new ON unit_succession (level, new_code)`.execute(db);

  await sql`
    CREATE TABLE agency (
      code text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL,
      parent_code text REFERENCES agency (code),
      unit_code text,
      is_demo boolean NOT NULL,
      sort_order integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX agency_parent ON agency (parent_code)`.execute(db);

  await sql`
    CREATE TABLE procedure (
      code text PRIMARY KEY,
      name text NOT NULL,
      field text NOT NULL,
      levels text[] NOT NULL,
      ministry text NOT NULL,
      decision_number text NOT NULL,
      procedure_type text NOT NULL,
      applicant_types text[] NOT NULL,
      competent_agency text NOT NULL,
      channels jsonb NOT NULL,
      components jsonb NOT NULL,
      results jsonb NOT NULL,
      legal_basis jsonb NOT NULL,
      detail_url text NOT NULL,
      raw jsonb NOT NULL,
      search_text text GENERATED ALWAYS AS (lower(f_unaccent(code || ' ' || name || ' ' || field))) STORED
    )`.execute(db);
  await sql`CREATE INDEX procedure_search_trgm ON procedure USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX procedure_field ON procedure (field)`.execute(db);

  await sql`
    CREATE TABLE procedure_result (
      result_code text NOT NULL,
      procedure_code text NOT NULL REFERENCES procedure (code) ON DELETE CASCADE,
      name text NOT NULL,
      PRIMARY KEY (result_code, procedure_code)
    )`.execute(db);

  await sql`
    CREATE TABLE catalog_parse_problem (
      procedure_code text NOT NULL,
      field text NOT NULL,
      problem text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('error', 'warning'))
    )`.execute(db);

  await sql`
    CREATE TABLE special_day (
      date date PRIMARY KEY,
      working boolean NOT NULL,
      kind text NOT NULL,
      name_vi text NOT NULL,
      name_en text NOT NULL,
      confidence text NOT NULL,
      source text NOT NULL,
      origin text NOT NULL CHECK (origin IN ('data', 'override'))
    )`.execute(db);

  await sql`
    CREATE TABLE import_run (
      kind text PRIMARY KEY,
      source_hash text NOT NULL,
      finished_at timestamptz NOT NULL,
      stats jsonb NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "import_run",
    "special_day",
    "catalog_parse_problem",
    "procedure_result",
    "procedure",
    "agency",
    "unit_succession",
    "admin_unit",
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  }
}
