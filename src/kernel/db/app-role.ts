import { sql } from "kysely";
import type { Db } from "./database.ts";

/**
 * The application's own database role: it reads and writes the data but cannot rewrite history.
 * On the audit log it may insert and seal (the three seal columns), never update what a record
 * says, delete or truncate; it owns no table, so it cannot disable the log's trigger either.
 * Migrations and restores run as the owner. Run after every migration (idempotent).
 */
export async function grantAppRole(owner: Db, role: string): Promise<void> {
  const r = sql.id(role);
  await sql`GRANT USAGE ON SCHEMA public TO ${r}`.execute(owner);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${r}`.execute(
    owner,
  );
  await sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`.execute(owner);
  // Revoking the table privilege also revokes column grants, so the seal columns come after.
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${r}`.execute(owner);
  await sql`GRANT UPDATE (seal_seq, prev_hash, hash) ON audit_log TO ${r}`.execute(owner);
  await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON kysely_migration, kysely_migration_lock FROM ${r}`.execute(
    owner,
  );
}

/** Creates a login role if it does not exist (embedded server: the owner is the superuser). */
export async function ensureLoginRole(owner: Db, role: string, password: string): Promise<void> {
  const exists = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`.execute(owner);
  if (exists.rows.length === 0) {
    await sql`CREATE ROLE ${sql.id(role)} LOGIN PASSWORD ${sql.lit(password)}`.execute(owner);
  }
}

/** The user name of a connection URL. */
export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
