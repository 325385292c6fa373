import { hash } from "@node-rs/argon2";
import type { Insertable } from "kysely";
import { insertInBatches } from "../../kernel/db/batch-insert.ts";
import type { Db } from "../../kernel/db/database.ts";
import type { OfficialTable } from "../../kernel/db/schema.ts";
import type { DeploymentBase } from "../../reference/agencies/deployment.types.ts";

export const DEMO_PASSWORD = "demo";

/** Demo mode only: one account per role at the service centre, and a desk account per commune. */
export const DEMO_ROLES = [
  { username: "desk", fullName: "Nguyễn Thị Tiếp Nhận", title: "Cán bộ Bộ phận Một cửa", roles: ["desk"] },
  { username: "specialist", fullName: "Trần Văn Thẩm Định", title: "Chuyên viên", roles: ["specialist"] },
  { username: "head", fullName: "Lê Thị Trưởng Phòng", title: "Trưởng phòng", roles: ["head"] },
  { username: "leader", fullName: "Phạm Văn Lãnh Đạo", title: "Giám đốc", roles: ["leader"] },
  { username: "clerk", fullName: "Hoàng Thị Văn Thư", title: "Văn thư", roles: ["clerk"] },
  { username: "admin", fullName: "Vũ Văn Quản Trị", title: "Quản trị hệ thống", roles: ["admin"] },
  {
    username: "supervisor",
    fullName: "Đỗ Thị Giám Sát",
    title: "Giám sát cải cách hành chính",
    roles: ["supervisor"],
  },
] as const;

export async function seedDemoAccounts(db: Db, deployment: DeploymentBase): Promise<number> {
  const centre =
    deployment.agencies.find((a) => a.kind === "service-centre")?.code ?? deployment.agencies[0]?.code ?? "";
  const desks = await db
    .selectFrom("agency")
    .select(["code", "unit_code", "name"])
    .where("kind", "=", "commune-desk")
    .execute();
  const wanted: Omit<Insertable<OfficialTable>, "password_hash">[] = [
    ...DEMO_ROLES.map((r) => ({
      username: r.username,
      full_name: r.fullName,
      title: r.title,
      agency_code: centre,
      roles: [...r.roles],
      is_demo: true,
    })),
    ...desks.map((d) => ({
      username: `desk.${d.unit_code}`,
      full_name: `Cán bộ ${d.name}`,
      title: "Cán bộ Bộ phận Một cửa",
      agency_code: d.code,
      roles: ["desk"],
      is_demo: true,
    })),
  ];
  const existing = new Set(
    (await db.selectFrom("official").select("username").execute()).map((r) => r.username),
  );
  const missing = wanted.filter((r) => !existing.has(r.username));
  if (missing.length === 0) return 0; // a warm start: no hashing
  // One hash for all: demo accounts share a public password, and 136 argon2 runs would slow start-up.
  const passwordHash = await hash(DEMO_PASSWORD);
  await insertInBatches(
    db,
    "official",
    missing.map((r) => ({ ...r, password_hash: passwordHash })),
  );
  return missing.length;
}
