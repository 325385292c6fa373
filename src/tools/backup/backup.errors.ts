import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

/** A restore refused before anything is written. */
export const backupErrors = {
  notABackup: () =>
    appError("RESTORE_REFUSED", 409, "Không phải bản sao lưu motcua.", "Not a motcua backup."),
  corrupt: (bad: string[]) =>
    appError(
      "RESTORE_REFUSED",
      409,
      `Bản sao lưu bị hỏng hoặc bị sửa: ${bad.join(", ")}.`,
      "The backup's checksums do not match.",
      { bad },
    ),
  otherVersion: (backup: string | undefined, target: string | undefined) =>
    appError(
      "RESTORE_REFUSED",
      409,
      "Cơ sở dữ liệu đích khác phiên bản với bản sao lưu.",
      "The target database is at a different migration than the backup.",
      { backup, target },
    ),
};

export type BackupErrorCode = ErrorCode<typeof backupErrors>;
