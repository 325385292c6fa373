import { z } from "zod";

// Who a request or an action runs for. Every layer names the caller (the HTTP kit, process
// definitions, the dossier rules), so the caller's types live at the bottom.

/** Roles officials hold in an agency (vai trò), as the permission table names them. */
export const roleSchema = z
  .enum(["desk", "specialist", "head", "leader", "clerk", "admin", "supervisor"])
  .describe(
    "desk: one-stop desk officer (cán bộ một cửa); specialist: chuyên viên; head: trưởng phòng; leader: lãnh đạo cơ quan; clerk: văn thư; admin: quản trị; supervisor: giám sát CCHC",
  );
export type Role = z.infer<typeof roleSchema>;

/** Who takes an action on a dossier: an official, or motcua itself. */
export interface Actor {
  /** null: motcua itself, acting on a national system's answer (e.g. PayGov confirmed a payment). */
  id: number | null;
  roles: readonly Role[];
  agencyCode: string;
  system?: boolean;
}

/** A signed-in official. */
export interface Official extends Actor {
  id: number;
  username: string;
  fullName: string;
}
