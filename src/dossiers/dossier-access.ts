import type { Actor } from "./lifecycle.ts";

/**
 * Who may read a dossier, until the jurisdiction model of the security issue replaces this:
 * the receiving desk's agency, the handling agency, an agency asked for a sub-case, and the
 * province's administrators and reform supervisors.
 */
export function mayRead(
  actor: Actor,
  dossier: { receiving_agency: string; handling_agency: string },
  subcaseAgencies: readonly string[] = [],
): boolean {
  if (actor.roles.includes("admin") || actor.roles.includes("supervisor")) return true;
  return [dossier.receiving_agency, dossier.handling_agency, ...subcaseAgencies].includes(actor.agencyCode);
}
