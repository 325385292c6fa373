/**
 * A failure the user can act on: a stable code for programs, a Vietnamese message for people,
 * and the HTTP status it maps to.
 */
export interface AppError {
  code: string;
  message: string;
  messageEn: string;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;
  details?: unknown;
}

export function appError(
  code: string,
  status: AppError["status"],
  message: string,
  messageEn: string,
  details?: unknown,
): AppError {
  return details === undefined
    ? { code, status, message, messageEn }
    : { code, status, message, messageEn, details };
}
