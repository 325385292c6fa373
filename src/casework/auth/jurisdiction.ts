import type { Role } from "../../reference/processes/process.types.ts";

/**
 * What an official may see (thẩm quyền xem): the whole province, or a set of agencies.
 * One rule for every list and read of dossiers, files, people and indicators behind the numbers.
 */
export type Jurisdiction = "province" | readonly string[];

/** How far a role sees: province-wide readers, those who steer a subtree, or one's own agency. */
export type Reach = "province" | "subtree" | "agency";

const REACH_BY_ROLE: Record<Role, Reach> = {
  admin: "province", // quản trị
  supervisor: "province", // giám sát CCHC, read-only
  leader: "subtree", // lãnh đạo: the agency and what sits under it
  head: "subtree", // trưởng phòng
  specialist: "agency",
  desk: "agency",
  clerk: "agency",
};

/** The widest reach among an official's roles. */
export function reachOf(roles: readonly Role[]): Reach {
  const reaches = roles.map((r) => REACH_BY_ROLE[r]);
  if (reaches.includes("province")) return "province";
  return reaches.includes("subtree") ? "subtree" : "agency";
}

/** Whether any of these agencies (a dossier's receiving, handling and sub-case agencies) is seen. */
export function covers(j: Jurisdiction, agencies: readonly string[]): boolean {
  return j === "province" || agencies.some((a) => j.includes(a));
}

/** A list's agency filter narrowed to what the reader sees (null: no filter, the province). */
export function narrow(j: Jurisdiction, asked: readonly string[] | null): readonly string[] | null {
  if (j === "province") return asked;
  return asked === null ? j : asked.filter((a) => j.includes(a));
}
