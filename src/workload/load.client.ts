import autocannon from "autocannon";
import { type LoadRates, profileRates } from "./workload-model.ts";

/** One endpoint's figures under load. */
export interface EndpointLoad {
  name: string;
  requestsPerSec: number;
  p50: number;
  /** autocannon's percentiles stop at 90 and 97.5: the 95th lies between them. */
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  profile: "province" | "peak" | "national-shard";
  seconds: number;
  connections: number;
  username: string;
  password: string;
  /** Latency is also read at this fixed rate (requests/s), well under capacity; default 100. */
  pacedRate?: number;
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const r = await fetch(url, init);
  if (!r.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Runs autocannon on one request shape and reduces its result. */
export function hammer(
  name: string,
  o: { url: string; seconds: number; connections: number; rate?: number },
  request: {
    method?: "GET" | "POST";
    path: string | (() => string);
    body?: string;
    headers?: Record<string, string>;
  },
): Promise<EndpointLoad> {
  const paths = typeof request.path === "function" ? request.path : () => request.path as string;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.seconds,
        // Paced: latency counts from when a request was due (no coordinated omission).
        ...(o.rate ? { overallRate: o.rate } : {}),
        requests: [
          {
            method: request.method ?? "GET",
            headers: { "content-type": "application/json", ...request.headers },
            body: request.body,
            setupRequest: (req) => ({ ...req, path: paths() }),
          },
        ],
      },
      (e, r) =>
        e
          ? reject(e)
          : resolve({
              name,
              requestsPerSec: r.requests.average,
              p50: r.latency.p50,
              p97_5: r.latency.p97_5,
              p99: r.latency.p99,
              errors: r.errors + r.timeouts,
              non2xx: r.non2xx,
            }),
    );
  });
}

/**
 * Drives a running motcua through its HTTP API: receptions at the desk, reads of a dossier by
 * code, inbox pages. Each endpoint runs flat out for `seconds` (capacity); the profile says what a
 * province needs at its hour, so the headroom is capacity / need. Lookups and inbox pages are then
 * paced at `pacedRate` from 4 connections: the latency a user sees when the node is not saturated.
 */
export async function loadMotcua(
  o: LoadOptions,
): Promise<{ endpoints: EndpointLoad[]; paced: EndpointLoad[]; need: LoadRates & { workload: string } }> {
  const api = `${o.url}/api/v1`;
  const { token } = await json<{ token: string }>(`${api}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: o.username, password: o.password }),
  });
  const auth = { authorization: `Bearer ${token}` };
  const procedure = await json<{ components: { name: string }[] }>(`${api}/procedures/1.000894`);
  const reception = JSON.stringify({
    procedureCode: "1.000894",
    channel: 2,
    applicant: { kind: "individual", name: "Người nộp thử tải", idNumber: "035085000123" },
    submission: { by: "applicant", vneidVerified: true },
    components: [{ name: procedure.components[0]?.name ?? "Tờ khai" }],
    outcome: "accept",
  });
  const received = await hammer("POST /dossiers (reception)", o, {
    method: "POST",
    path: "/api/v1/dossiers",
    body: reception,
    headers: auth,
  });
  const queue = await json<{ items: { code: string }[] }>(`${api}/inbox?limit=100`, { headers: auth });
  const codes = queue.items.map((d) => d.code);
  if (codes.length === 0) throw new Error("the desk's queue is empty: nothing to look up");
  let i = 0;
  const lookup = await hammer("GET /dossiers/{code} (lookup by code)", o, {
    path: () => `/api/v1/dossiers/${codes[i++ % codes.length]}`,
    headers: auth,
  });
  const inbox = await hammer("GET /inbox (first page)", o, { path: "/api/v1/inbox?limit=20", headers: auth });
  const rate = o.pacedRate ?? 100;
  const pacing = { url: o.url, seconds: o.seconds, connections: 4, rate };
  const lookupPaced = await hammer(`GET /dossiers/{code} at ${rate}/s`, pacing, {
    path: () => `/api/v1/dossiers/${codes[i++ % codes.length]}`,
    headers: auth,
  });
  const inboxPaced = await hammer(`GET /inbox at ${rate}/s`, pacing, {
    path: "/api/v1/inbox?limit=20",
    headers: auth,
  });
  return {
    endpoints: [received, lookup, inbox],
    paced: [lookupPaced, inboxPaced],
    need: profileRates(o.profile),
  };
}
