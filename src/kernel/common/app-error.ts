/**
 * A failure the user can act on: a stable code for programs, a Vietnamese message for people,
 * and the HTTP status it maps to. Each module lists its own in its `*.errors.ts` (the only files
 * that call `appError`, test/architecture/error-codes.test.ts), so its codes form a type.
 */
export interface AppError<C extends string = string> {
  code: C;
  message: string;
  messageEn: string;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;
  details?: unknown;
}

export function appError<C extends string>(
  code: C,
  status: AppError["status"],
  message: string,
  messageEn: string,
  details?: unknown,
): AppError<C> {
  return details === undefined
    ? { code, status, message, messageEn }
    : { code, status, message, messageEn, details };
}

/** The codes of a module's errors object: `ErrorCode<typeof feedbackErrors>`. */
export type ErrorCode<T extends Record<string, (...args: never[]) => AppError>> = ReturnType<
  T[keyof T]
>["code"];
