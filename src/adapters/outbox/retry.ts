/** Why a delivery failed, and whether trying again can help. */
export interface DeliveryFailure {
  /** Short, stable reason for the monitor's "failures by reason": timeout, http-502, outage, portal-error… */
  reason: string;
  detail: string;
  retryable: boolean;
}

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
}

/** Two seconds doubling to ten minutes: a portal outage is retried about every ten minutes. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, capMs: 600_000 };

/**
 * Exponential backoff with "equal jitter": half the window fixed, half random, so a thousand
 * dossiers that failed together do not retry together.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(window / 2 + random() * (window / 2));
}

/** A failure's reason from a thrown value (network errors, aborts). */
export function failureOf(e: unknown): DeliveryFailure {
  const error = e as { name?: string; message?: string; cause?: { code?: string } };
  if (error?.name === "TimeoutError" || error?.name === "AbortError" || /Timeout/.test(String(error?.name))) {
    return { reason: "timeout", detail: String(error.message ?? ""), retryable: true };
  }
  const code = error?.cause?.code ?? (error as { code?: string })?.code;
  return {
    reason: code === "ECONNREFUSED" || code === "ECONNRESET" ? "unreachable" : "network",
    detail: String(error?.message ?? e),
    retryable: true,
  };
}
