import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

/** Why `motcua serve` (or `worker`) will not start; exit 1 with the message. */
export const startErrors = {
  migrationsPending: (names: string[]) =>
    appError(
      "START_MIGRATIONS_PENDING",
      409,
      `Cơ sở dữ liệu còn ${names.length} migration chưa chạy (${names.join(", ")}). MOTCUA_MIGRATE_ON_START=false nên motcua không tự chạy chúng: chạy \`motcua migrate up\` rồi khởi động lại.`,
      `${names.length} migrations pending (${names.join(", ")}); with MOTCUA_MIGRATE_ON_START=false run \`motcua migrate up\` first.`,
      { pending: names },
    ),
  demoInProduction: (problems: { vi: string; en: string }[]) =>
    appError(
      "START_DEMO_IN_PRODUCTION",
      409,
      `NODE_ENV=production nhưng: ${problems.map((p) => p.vi).join("; ")}. Sửa cấu hình, hoặc đặt MOTCUA_ALLOW_DEMO_IN_PRODUCTION=true nếu đây là máy thử nghiệm (staging).`,
      `NODE_ENV=production but: ${problems.map((p) => p.en).join("; ")}. Fix it, or set MOTCUA_ALLOW_DEMO_IN_PRODUCTION=true on a staging server.`,
      { problems: problems.map((p) => p.en) },
    ),
};

export type StartErrorCode = ErrorCode<typeof startErrors>;
