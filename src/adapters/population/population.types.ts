/** A citizen as the population database (CSDLQG về dân cư) returns them, in motcua's words. */
export interface Citizen {
  idNumber: string;
  oldIdNumber: string;
  name: string;
  sex: "male" | "female";
  birthDate: string;
  permanentAddress: { provinceCode: string; communeCode: string; detail: string };
}

export type IdentityCheck = "verified" | "mismatch" | "not-found" | "pending" | "not-configured";

const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();

/** Does what the applicant declared match the record? Names compare without case or spacing. */
export function matchApplicant(c: Citizen, declared: { name: string; birthDate?: string }): boolean {
  if (fold(c.name) !== fold(declared.name)) return false;
  return !declared.birthDate || declared.birthDate === c.birthDate;
}
