import type { FastifyRequest } from "fastify";
import type { Selectable } from "kysely";
import type { Official } from "../caller.ts";
import type { DossierTable } from "../db/schema.ts";

/** A dossier as the access hook read it, with the agencies of its liên thông sub-cases. */
export interface CheckedDossier {
  row: Selectable<DossierTable>;
  subcaseAgencies: string[];
}

declare module "fastify" {
  interface FastifyRequest {
    official?: Official;
    /** The dossier a dossier route names, read and checked against jurisdiction by the hook. */
    checkedDossier?: CheckedDossier;
  }
}

/** The official a handler runs for: the access hook (access-hook.ts) set it from the token. */
export function officialOf(req: FastifyRequest): Official {
  if (!req.official) throw new Error("the access hook did not run for this route");
  return req.official;
}

/** The dossier the access hook read for this route, so the handler need not read it again. */
export function checkedDossierOf(req: FastifyRequest, code: string): CheckedDossier | undefined {
  const d = req.checkedDossier;
  return d && d.row.code === code ? d : undefined;
}
