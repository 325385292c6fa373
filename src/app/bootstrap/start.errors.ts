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
  signersInvalid: (reason: string) =>
    appError(
      "START_SIGNERS_INVALID",
      409,
      `Cấu hình người ký (signers.json) không dùng được: ${reason}`,
      `signers.json cannot be used: ${reason}`,
      { reason },
    ),
  signersUnknown: (names: string[]) =>
    appError(
      "START_SIGNERS_UNKNOWN",
      409,
      `signers.json nêu ${names.join(", ")}, không có trong hệ thống (gõ nhầm mã cơ quan hoặc tên đăng nhập?). Kết quả của họ sẽ không được ký như cấu hình: sửa signers.json rồi khởi động lại.`,
      `signers.json names ${names.join(", ")}, which do not exist; fix it and restart.`,
      { unknown: names },
    ),
};

export type StartErrorCode = ErrorCode<typeof startErrors>;
