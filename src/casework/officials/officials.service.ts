import { hash } from "@node-rs/argon2";
import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import type { Role } from "../../reference/processes/process.types.ts";
import { jurisdictionOf } from "../auth/jurisdiction.service.ts";
import { narrow } from "../auth/jurisdiction.ts";
import type { Actor } from "../dossiers/lifecycle.ts";
import { officialErrors } from "./officials.errors.ts";

export interface OfficialRow {
  id: number;
  username: string;
  fullName: string;
  title: string;
  agencyCode: string;
  agencyName: string;
  roles: Role[];
  active: boolean;
  isDemo: boolean;
}

const isAdmin = (a: Actor) => a.roles.includes("admin");

/**
 * Officials within the reader's jurisdiction; one agency when asked, one's own by default for
 * those who do not see the province (a head picks whom to assign a dossier to).
 */
export async function listOfficials(
  db: Db,
  actor: Actor,
  f: { agency?: string; q?: string; limit: number; offset: number },
): Promise<{ items: OfficialRow[]; total: number }> {
  const seen = await jurisdictionOf(db, actor);
  const asked = f.agency ? [f.agency] : seen === "province" ? null : [actor.agencyCode];
  const agencies = narrow(seen, asked);
  let q = db.selectFrom("official as o").innerJoin("agency as a", "a.code", "o.agency_code");
  if (agencies) q = q.where("o.agency_code", "in", [...agencies, "-"]);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb("o.username", "like", like), eb(eb.fn("lower", ["o.full_name"]), "like", like)]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        "o.id",
        "o.username",
        "o.full_name",
        "o.title",
        "o.agency_code",
        "a.name",
        "o.roles",
        "o.active",
        "o.is_demo",
      ])
      .orderBy("o.agency_code")
      .orderBy("o.username")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      fullName: r.full_name,
      title: r.title,
      agencyCode: r.agency_code,
      agencyName: r.name,
      roles: r.roles as Role[],
      active: r.active,
      isDemo: r.is_demo,
    })),
  };
}

export interface OfficialInput {
  username: string;
  fullName: string;
  title: string;
  agencyCode: string;
  roles: Role[];
  password: string;
}

async function agencyExists(db: Db, code: string) {
  return (
    (await db.selectFrom("agency").select("code").where("code", "=", code).executeTakeFirst()) !== undefined
  );
}

export async function createOfficial(
  db: Db,
  actor: Actor,
  input: OfficialInput,
): Promise<Result<{ id: number }, AppError>> {
  if (!isAdmin(actor)) return err(officialErrors.forbidden());
  if (!(await agencyExists(db, input.agencyCode))) return err(officialErrors.noAgency(input.agencyCode));
  const username = input.username.trim().toLowerCase();
  const row = await db
    .insertInto("official")
    .values({
      username,
      password_hash: await hash(input.password),
      full_name: input.fullName,
      title: input.title,
      agency_code: input.agencyCode,
      roles: input.roles,
    })
    .onConflict((oc) => oc.column("username").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row ? ok({ id: row.id }) : err(officialErrors.taken(username));
}

/**
 * Changes an official's agency, roles or status. Moving agency, changing roles or deactivating
 * ends every session at once, so old access does not outlive the change.
 */
export async function updateOfficial(
  db: Db,
  actor: Actor,
  id: number,
  patch: Partial<Pick<OfficialInput, "fullName" | "title" | "agencyCode" | "roles" | "password">> & {
    active?: boolean;
  },
): Promise<Result<{ id: number; sessionsEnded: number }, AppError>> {
  if (!isAdmin(actor)) return err(officialErrors.forbidden());
  if (patch.agencyCode && !(await agencyExists(db, patch.agencyCode))) {
    return err(officialErrors.noAgency(patch.agencyCode));
  }
  return inTransaction(db, async (tx) => {
    const before = await tx
      .selectFrom("official")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return err(officialErrors.notFound(id));
    await tx
      .updateTable("official")
      .set({
        ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.agencyCode !== undefined ? { agency_code: patch.agencyCode } : {}),
        ...(patch.roles !== undefined ? { roles: patch.roles } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.password !== undefined ? { password_hash: await hash(patch.password) } : {}),
      })
      .where("id", "=", id)
      .execute();
    const accessChanged =
      (patch.agencyCode !== undefined && patch.agencyCode !== before.agency_code) ||
      (patch.roles !== undefined && [...patch.roles].sort().join() !== [...before.roles].sort().join()) ||
      patch.active === false ||
      patch.password !== undefined;
    const ended = accessChanged
      ? await tx.deleteFrom("auth_token").where("official_id", "=", id).executeTakeFirst()
      : { numDeletedRows: 0n };
    return ok({ id, sessionsEnded: Number(ended.numDeletedRows) });
  });
}
