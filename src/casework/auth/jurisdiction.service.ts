import { TtlCache } from "../../kernel/common/ttl-cache.ts";
import type { Db } from "../../kernel/db/database.ts";
import { agencySubtree } from "../../reference/agencies/agencies.service.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { type Jurisdiction, reachOf } from "./jurisdiction.ts";

// The agency tree changes with a deployment's configuration, not during the day.
const subtrees = new WeakMap<Db, TtlCache<string[]>>();

/** The agencies an official sees, from their roles and agency (jurisdiction.ts). */
export async function jurisdictionOf(
  db: Db,
  official: { roles: readonly Role[]; agencyCode: string },
): Promise<Jurisdiction> {
  const reach = reachOf(official.roles);
  if (reach === "province") return "province";
  if (reach === "agency") return [official.agencyCode];
  let cache = subtrees.get(db);
  if (!cache) {
    cache = new TtlCache(60_000);
    subtrees.set(db, cache);
  }
  return cache.get(official.agencyCode, () => agencySubtree(db, official.agencyCode));
}
