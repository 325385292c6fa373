import { userInfo } from "node:os";
import type { Command } from "commander";
import type { z } from "zod";
import {
  officialFullName,
  officialPassword,
  officialUsername,
} from "../../casework/officials/official-input.ts";
import { createOfficial } from "../../casework/officials/officials.service.ts";
import { recordAudit } from "../../kernel/audit/audit.repository.ts";
import { adminCliErrors } from "./admin.errors.ts";
import { fail, print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

/** The password from standard input (its first line), never argv: argv shows in `ps` and shell history. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden("Mật khẩu (không hiện khi gõ): ");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

/** On a terminal: read a line without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let typed = "";
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === "\u0003") process.exit(130); // Ctrl-C
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.off("data", onData);
          stdin.pause();
          process.stderr.write("\n");
          return resolve(typed);
        }
        typed = ch === "\u007f" ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on("data", onData);
  });
}

function check<T>(json: boolean, field: string, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) fail(json, adminCliErrors.invalid(field, r.error.issues[0]?.message ?? "không hợp lệ"));
  return r.data;
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command("admin").description("Administrators' accounts");
  admin
    .command("create <username>")
    .description(
      "Create an active administrator in an agency; the password is read from standard input, and TOTP is enrolled at the first sign-in",
    )
    .requiredOption("--agency <code>", "the agency's code (as in the deployment file)")
    .requiredOption("--name <full name>", "họ và tên")
    .option("--title <title>", "chức vụ", "Quản trị hệ thống")
    .option("--json", "machine-readable output", false)
    .action(async (name: string, o) => {
      const username = check(o.json, "tên đăng nhập", officialUsername, name).toLowerCase();
      const fullName = check(o.json, "họ và tên", officialFullName, o.name);
      const password = check(o.json, "mật khẩu", officialPassword, await readPassword());
      const r = await withRuntime(o.json, async (rt) => {
        const created = await createOfficial(
          rt.db,
          { id: null, roles: ["admin"], agencyCode: o.agency, system: true },
          { username, fullName, title: o.title, agencyCode: o.agency, roles: ["admin"], password },
        );
        // Outside the API, so not in its audit trail by itself: recorded here, with who ran it.
        if (created.ok) {
          await recordAudit(rt.db, {
            at: rt.now(),
            actorKind: "system",
            actorId: null,
            roles: [],
            agencyCode: o.agency,
            action: "motcua admin create",
            objectType: "officials",
            objectId: String(created.value.id),
            purpose: "Tạo tài khoản quản trị bằng dòng lệnh",
            requestId: "",
            status: 201,
            details: { username, osUser: userInfo().username },
          });
        }
        return { created, totp: rt.deployment.security.totpRoles.includes("admin") };
      });
      if (!r.created.ok) fail(o.json, r.created.error);
      const out = {
        id: r.created.value.id,
        username,
        agencyCode: o.agency,
        roles: ["admin"],
        totpAtFirstSignIn: r.totp,
      };
      print(o.json, out, () =>
        [
          `Đã tạo quản trị viên ${username} (số ${out.id}) tại cơ quan ${o.agency}.`,
          r.totp
            ? "Lần đăng nhập đầu tiên sẽ hiện mã QR để đăng ký ứng dụng xác thực (TOTP); từ đó mỗi lần đăng nhập cần mã 6 số."
            : "Tệp triển khai không yêu cầu xác thực hai lớp cho quản trị viên (security.totpRoles).",
        ].join("\n"),
      );
    });
}
