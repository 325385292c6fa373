import { request } from "undici";
import { err, ok, type Result } from "../kernel/common/result.ts";
import { type DeliveryFailure, failureOf } from "./outbox/retry.ts";

export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * One JSON request to a national system, with a hard timeout; transport trouble is a value.
 * undici's request (keep-alive pool per origin) rather than fetch: about three times the calls per
 * second of fetch on this machine, which is what the sync backlog drains at.
 */
export async function requestJson(
  method: "GET" | "POST",
  url: string,
  opts: { body?: unknown; timeoutMs: number; headers?: Record<string, string> },
): Promise<Result<JsonResponse, DeliveryFailure>> {
  try {
    const res = await request(url, {
      method,
      headers: {
        accept: "application/json",
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await res.body.text();
    if (res.statusCode >= 500) {
      return err({ reason: `http-${res.statusCode}`, detail: text.slice(0, 200), retryable: true });
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return err({ reason: "bad-response", detail: text.slice(0, 200), retryable: true });
    }
    return ok({ status: res.statusCode, body });
  } catch (e) {
    return err(failureOf(e));
  }
}

/** Fetches bytes (attachments the portal holds), with a timeout and a size cap. */
export async function fetchBytes(
  url: string,
  opts: { timeoutMs: number; maxBytes: number },
): Promise<Result<{ bytes: Buffer; mime: string }, DeliveryFailure>> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs) });
    if (!res.ok) return err({ reason: `http-${res.status}`, detail: url, retryable: res.status >= 500 });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > opts.maxBytes) {
      return err({ reason: "too-large", detail: `${bytes.length} bytes`, retryable: false });
    }
    return ok({ bytes, mime: res.headers.get("content-type") ?? "application/octet-stream" });
  } catch (e) {
    return err(failureOf(e));
  }
}
