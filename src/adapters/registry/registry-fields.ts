import type { Applicant } from "../../casework/dossiers/dossier.types.ts";

/** A business as the national business registration system holds it (the system of record). */
export interface RegisteredBusiness {
  kind: "enterprise" | "household";
  code: string;
  name: string;
  address: string;
  representative: string;
  phone: string;
  email: string;
}

/** Applicant fields the registry holds: an official must never type them. */
export const REGISTRY_FIELDS = ["name", "address", "representative", "phone", "email"] as const;

/** The applicant, taken from the registry; typed values are ignored, and counted. */
export function applicantFromRegistry(
  b: RegisteredBusiness,
  typed: Partial<Record<(typeof REGISTRY_FIELDS)[number], string>> | undefined,
): { applicant: Applicant; retyped: string[] } {
  const retyped = REGISTRY_FIELDS.filter((f) => (typed?.[f] ?? "").trim() !== "" && b[f] !== "");
  return {
    applicant: {
      kind: "organisation",
      name: b.name,
      idNumber: b.code,
      representative: b.representative,
      phone: b.phone,
      email: b.email,
      address: b.address,
    },
    retyped,
  };
}
