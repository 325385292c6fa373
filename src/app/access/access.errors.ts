import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const accessHookErrors = {
  /** `names`: the roles in Vietnamese, for the message; `roles`: their codes, for programs. */
  roleRequired: (names: string, roles: readonly string[]) =>
    appError(
      "ROLE_REQUIRED",
      403,
      `Chức năng này chỉ dành cho: ${names}.`,
      `Only for: ${roles.join(", ")}.`,
      {
        roles,
      },
    ),
};

export type AccessErrorCode = ErrorCode<typeof accessHookErrors>;
