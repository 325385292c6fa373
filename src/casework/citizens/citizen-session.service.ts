import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../kernel/db/database.ts";
import { STATUS_LABEL_VI } from "../dossiers/dossier-status.ts";

const SESSION_HOURS = 8;
const hash = (t: string) => createHash("sha256").update(t).digest("hex");

export interface Citizen {
  idNumber: string;
  name: string;
  level: number;
}

/** A citizen's session after VNeID sign-in; the cookie holds a random token, the table its hash. */
export async function openCitizenSession(db: Db, c: Citizen, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("citizen_session")
    .values({
      token_hash: hash(token),
      id_number: c.idNumber,
      name: c.name,
      level: c.level,
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    })
    .execute();
  return token;
}

export async function citizenFor(db: Db, token: string, now: Date): Promise<Citizen | null> {
  const s = await db
    .selectFrom("citizen_session")
    .select(["id_number", "name", "level"])
    .where("token_hash", "=", hash(token))
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return s ? { idNumber: s.id_number, name: s.name, level: s.level } : null;
}

/** Remembers the state and PKCE verifier of a sign-in in progress (any node may get the callback). */
export async function rememberLogin(db: Db, state: string, verifier: string, now: Date) {
  await db
    .insertInto("integration_state")
    .values({ key: `vneid-login:${state}`, value: JSON.stringify({ verifier, at: now.toISOString() }) })
    .execute();
}

export async function takeLogin(db: Db, state: string, now: Date): Promise<string | null> {
  const row = await db
    .deleteFrom("integration_state")
    .where("key", "=", `vneid-login:${state}`)
    .returning("value")
    .executeTakeFirst();
  if (!row || now.getTime() - Date.parse(String(row.value.at)) > 10 * 60_000) return null;
  return String(row.value.verifier);
}

/** The dossiers whose applicant is this verified citizen. */
export async function dossiersOf(db: Db, idNumber: string) {
  const rows = await sql<{
    code: string;
    procedure_name: string;
    status: keyof typeof STATUS_LABEL_VI;
    received_at: Date;
    due_at: Date | null;
  }>`
    SELECT code, procedure_name, status, received_at, due_at FROM dossier
    WHERE applicant->>'idNumber' = ${idNumber} AND NOT synthetic
    ORDER BY received_at DESC LIMIT 200`.execute(db);
  return rows.rows.map((r) => ({ ...r, statusLabel: STATUS_LABEL_VI[r.status] }));
}

/** A verified citizen looked at a dossier (recorded on the dossier they track). */
export async function recordTracking(db: Db, code: string, idNumber: string) {
  await sql`
    INSERT INTO dossier_tracking (dossier_id, id_number)
    SELECT id, ${idNumber} FROM dossier WHERE code = ${code}
    ON CONFLICT (dossier_id, id_number) DO UPDATE SET at = now()`.execute(db);
}
