import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { connectClient } from "../../kernel/db/database.ts";
import { backupErrors } from "./backup.errors.ts";

// A backup is a folder: one COPY file per table, taken in one snapshot, the local file store, and
// a manifest with the migrations and a SHA-256 of every file. (The embedded server ships no
// pg_dump, and the system's pg_dump is older than PostgreSQL 18, so the tables go through COPY.)

export interface Manifest {
  format: "motcua-backup-1";
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number; file: string; sha256: string }[];
  files: { path: string; sha256: string; size: number }[];
}

const SKIP = new Set(["kysely_migration", "kysely_migration_lock"]);

/** Passes bytes through while hashing them and counting lines (COPY text: one row per line). */
function hasher() {
  const h = createHash("sha256");
  let lines = 0;
  const t = new Transform({
    transform(chunk: Buffer, _e, done) {
      h.update(chunk);
      for (const b of chunk) if (b === 10) lines++;
      done(null, chunk);
    },
  });
  return { t, digest: () => h.digest("hex"), lines: () => lines };
}

async function tablesOf(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return r.rows.map((x) => x.table_name).filter((t) => !SKIP.has(t));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && !e.name.endsWith(".tmp")) out.push(p);
  }
  return out;
}

const sha256File = async (path: string) => {
  const h = createHash("sha256");
  await pipeline(createReadStream(path), h);
  return h.digest("hex");
};

/** Writes a backup of the database at `url` (one consistent snapshot) and of the file store. */
export async function backup(url: string, filesDir: string | null, out: string): Promise<Manifest> {
  await mkdir(join(out, "db"), { recursive: true });
  const c = await connectClient(url);
  const tables: Manifest["tables"] = [];
  let migrations: string[] = [];
  try {
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    migrations = (
      await c.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name")
    ).rows.map((r) => r.name);
    for (const name of await tablesOf(c)) {
      const file = `db/${name}.copy`;
      const h = hasher();
      await pipeline(
        c.query(copyTo(`COPY ${pg.escapeIdentifier(name)} TO STDOUT`)),
        h.t,
        createWriteStream(join(out, file)),
      );
      tables.push({ name, rows: h.lines(), file, sha256: h.digest() });
    }
    await c.query("COMMIT");
  } finally {
    await c.end();
  }
  const files: Manifest["files"] = [];
  if (filesDir) {
    for (const p of await walk(filesDir)) {
      const rel = relative(filesDir, p);
      await mkdir(join(out, "files", rel, ".."), { recursive: true });
      await copyFile(p, join(out, "files", rel));
      files.push({ path: rel, sha256: await sha256File(p), size: (await stat(p)).size });
    }
  }
  const manifest: Manifest = {
    format: "motcua-backup-1",
    createdAt: new Date().toISOString(),
    migrations,
    tables,
    files,
  };
  await writeFile(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Every file's bytes against the manifest, before anything is written. */
export async function checkBackup(dir: string): Promise<Result<Manifest, AppError>> {
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;
  if (manifest.format !== "motcua-backup-1") return err(backupErrors.notABackup());
  const bad: string[] = [];
  for (const t of manifest.tables)
    if ((await sha256File(join(dir, t.file)).catch(() => "")) !== t.sha256) bad.push(t.file);
  for (const f of manifest.files) {
    if ((await sha256File(join(dir, "files", f.path)).catch(() => "")) !== f.sha256)
      bad.push(`files/${f.path}`);
  }
  if (bad.length) {
    return err(backupErrors.corrupt(bad));
  }
  return ok(manifest);
}

/**
 * Restores into a database migrated to the same version: all tables replaced in one transaction
 * (triggers off while loading, so journals and the audit log come back as they were), sequences
 * moved past the restored ids, then the files. Nothing is written if a checksum does not match.
 */
export async function restore(
  url: string,
  filesDir: string | null,
  dir: string,
): Promise<Result<Manifest, AppError>> {
  const checked = await checkBackup(dir);
  if (!checked.ok) return checked;
  const manifest = checked.value;
  const c = await connectClient(url);
  try {
    const have = (
      await c.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name")
    ).rows.map((r) => r.name);
    if (have.join(",") !== manifest.migrations.join(",")) {
      return err(backupErrors.otherVersion(manifest.migrations.at(-1), have.at(-1)));
    }
    await c.query("BEGIN");
    await c.query("SET LOCAL session_replication_role = replica");
    const names = manifest.tables.map((t) => pg.escapeIdentifier(t.name));
    await c.query(`TRUNCATE ${names.join(", ")}`);
    for (const t of manifest.tables) {
      await pipeline(
        createReadStream(join(dir, t.file)),
        c.query(copyFrom(`COPY ${pg.escapeIdentifier(t.name)} FROM STDIN`)),
      );
    }
    // Each serial column's sequence continues after the restored rows.
    const seqs = await c.query<{ tbl: string; col: string; seq: string }>(`
      SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`);
    for (const s of seqs.rows) {
      await c.query(
        `SELECT setval($1, coalesce((SELECT max(${pg.escapeIdentifier(s.col)}) FROM ${pg.escapeIdentifier(s.tbl)}), 0) + 1, false)`,
        [s.seq],
      );
    }
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
  if (filesDir) {
    for (const f of manifest.files) {
      await mkdir(join(filesDir, f.path, ".."), { recursive: true });
      await copyFile(join(dir, "files", f.path), join(filesDir, f.path));
    }
  }
  return ok(manifest);
}
