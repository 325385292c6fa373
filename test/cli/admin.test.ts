import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/kernel/db/database.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { cliEnv, motcua } from "./cli.ts";

const CENTRE = "DEMO.37.TTPVHCC";
const PASSWORD = "Mật-khẩu đủ dài 2026";

describe("motcua admin create", { timeout: 60_000 }, () => {
  let db: Db;
  let env: Record<string, string>;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    db = fresh.db;
    env = cliEnv(fresh.url);
  });

  const create = (username: string, input: string) =>
    motcua(["admin", "create", username, "--agency", CENTRE, "--name", "Nguyễn Văn Quản Trị"], env, input);

  it("creates an active administrator from a password on stdin; the first sign-in enrols TOTP", async () => {
    const r = await create("quantri.tinh", `${PASSWORD}\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Đã tạo quản trị viên quantri.tinh");
    const row = await db
      .selectFrom("official")
      .selectAll()
      .where("username", "=", "quantri.tinh")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ roles: ["admin"], agency_code: CENTRE, active: true, is_demo: false });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("object_type", "=", "officials")
      .where("object_id", "=", String(row.id))
      .execute();
    expect(audit).toEqual([expect.objectContaining({ action: "motcua admin create", actor_kind: "system" })]);

    const t = await testApp(db);
    const first = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "quantri.tinh", password: PASSWORD },
    });
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe("AUTH_TOTP_ENROL");
    expect(first.json().error.details.secret).toEqual(expect.any(String));
    // The code from the offered secret completes the sign-in, as an administrator.
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: await t.signIn("quantri.tinh", PASSWORD),
    });
    expect(me.json()).toMatchObject({ username: "quantri.tinh", roles: ["admin"], agencyCode: CENTRE });
  });

  it("refuses a username that exists (exit 1, in Vietnamese), and leaves it unchanged", async () => {
    const before = await db
      .selectFrom("official")
      .select("password_hash")
      .where("username", "=", "quantri.tinh")
      .executeTakeFirstOrThrow();
    const r = await create("QuanTri.Tinh", "mot-mat-khau-khac-han\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Tên đăng nhập quantri.tinh đã có người dùng.");
    const after = await db
      .selectFrom("official")
      .select("password_hash")
      .where("username", "=", "quantri.tinh")
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  it("holds the password to the app's rule (at least 10 characters): exit 1, nothing created", async () => {
    const r = await create("quantri.ngan", "ngan\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("mật khẩu cần ít nhất 10 ký tự");
    const row = await db
      .selectFrom("official")
      .select("id")
      .where("username", "=", "quantri.ngan")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
