import { type Selectable, sql } from "kysely";
import type { Official } from "../../kernel/caller.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { DossierTable } from "../../kernel/db/schema.ts";
import type { CheckedDossier } from "../../kernel/http/auth-guard.ts";
import { hashToken, toOfficial } from "../auth/auth.service.ts";

interface Joined extends Selectable<DossierTable> {
  o_id: number | null;
  o_username: string;
  o_full_name: string;
  o_agency_code: string;
  o_roles: string[];
  o_subcase_agencies: string[] | null;
}

/**
 * The official behind a token and the dossier a route names, in one round trip: on a dossier
 * route the token, the jurisdiction check and the handler's read were three (BENCHMARKS.md).
 */
export async function officialAndDossier(
  db: Db,
  token: string,
  now: Date,
  code: string,
): Promise<{ official: Official | null; dossier: CheckedDossier | null }> {
  const r = await sql<Joined>`
    SELECT o.id AS o_id, o.username AS o_username, o.full_name AS o_full_name,
      o.agency_code AS o_agency_code, o.roles AS o_roles, d.*,
      (SELECT array_agg(s.agency_code ORDER BY s.id) FROM dossier_subcase s WHERE s.dossier_id = d.id)
        AS o_subcase_agencies
    FROM (SELECT 1) one
    LEFT JOIN (auth_token t JOIN official o ON o.id = t.official_id AND o.active)
      ON t.token_hash = ${hashToken(token)} AND t.expires_at > ${now}
    LEFT JOIN dossier d ON d.code = ${code}`.execute(db);
  const j = r.rows[0];
  if (!j || j.o_id === null) return { official: null, dossier: null };
  const official = toOfficial({
    id: j.o_id,
    username: j.o_username,
    full_name: j.o_full_name,
    agency_code: j.o_agency_code,
    roles: j.o_roles,
  });
  if (j.id === null) return { official, dossier: null };
  const { o_id, o_username, o_full_name, o_agency_code, o_roles, o_subcase_agencies, ...row } = j;
  return { official, dossier: { row, subcaseAgencies: o_subcase_agencies ?? [] } };
}
