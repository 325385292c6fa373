import { type Kysely, sql } from "kysely";

/** Citizen data store (kho dữ liệu), signed results and the document number registers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every issued result, digitised paper and certified copy, by owner (CCCD or enterprise code).
  await sql`
    CREATE TABLE citizen_document (
      id bigserial PRIMARY KEY,
      owner_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('result', 'digitised', 'certified-copy', 'national')),
      result_code text NOT NULL DEFAULT '',
      document_number text NOT NULL DEFAULT '',
      title text NOT NULL,
      file_id bigint REFERENCES stored_file (id),
      dossier_id bigint REFERENCES dossier (id),
      issuer text NOT NULL DEFAULT '',
      signed boolean NOT NULL DEFAULT false,
      signer text NOT NULL DEFAULT '',
      signed_at timestamptz,
      sha256 text NOT NULL DEFAULT '',
      valid_until date,
      source text NOT NULL DEFAULT 'motcua',
      -- Printed in the QR code: unguessable, so results cannot be enumerated.
      public_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX citizen_document_owner ON citizen_document (owner_id, result_code)`.execute(db);
  // Sổ đăng ký văn bản: số ký hiệu per agency per year, gap-free like dossier codes.
  await sql`
    CREATE TABLE document_register (
      agency_code text NOT NULL,
      year integer NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (agency_code, year)
    )`.execute(db);
  await sql`ALTER TABLE dossier ADD COLUMN paper_result_reason text`.execute(db);
  await sql`CREATE INDEX stored_file_sha ON stored_file (sha256)`.execute(db);
  // OCR of scanned images, done by a worker after reception (never in the desk's way).
  await sql`ALTER TABLE stored_file ADD COLUMN ocr_text text, ADD COLUMN ocr_at timestamptz`.execute(db);
  await sql`
    CREATE INDEX stored_file_ocr_pending ON stored_file (id)
    WHERE ocr_at IS NULL AND kind = 'submitted' AND mime IN ('image/jpeg', 'image/png', 'image/tiff')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS citizen_document`.execute(db);
  await sql`DROP TABLE IF EXISTS document_register`.execute(db);
  await sql`ALTER TABLE dossier DROP COLUMN IF EXISTS paper_result_reason`.execute(db);
  await sql`DROP INDEX IF EXISTS stored_file_sha`.execute(db);
  await sql`DROP INDEX IF EXISTS stored_file_ocr_pending`.execute(db);
  await sql`ALTER TABLE stored_file DROP COLUMN IF EXISTS ocr_text, DROP COLUMN IF EXISTS ocr_at`.execute(db);
}
