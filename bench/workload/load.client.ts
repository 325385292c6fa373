import { createRequire } from "node:module";
import autocannon from "autocannon";
import { type LoadRates, profileRates } from "./workload-model.ts";

/** One endpoint's figures under load. */
export interface EndpointLoad {
  name: string;
  requestsPerSec: number;
  p50: number;
  /** Read from autocannon's latency histogram (its summary jumps from 90 to 97.5). */
  p95: number;
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

// autocannon's histogram decoder (hdr-histogram-js), which its types leave out.
const { decodeHist } = createRequire(import.meta.url)("autocannon/lib/histUtil.js") as {
  decodeHist: (encoded: string) => { getValueAtPercentile(p: number): number; mean: number };
};

/** A run's raw result (skipAggregateResult): counters and encoded histograms. */
interface RawRun {
  latencies: string;
  requests: string;
  errors: number;
  timeouts: number;
  non2xx: number;
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
        // The raw run keeps the encoded histogram, so any percentile can be read from it.
        skipAggregateResult: true,
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
      (e, result) => {
        if (e) return reject(e);
        const raw = result as unknown as RawRun;
        const latency = decodeHist(raw.latencies);
        resolve({
          name,
          // Mean of the per-second counts, as autocannon's own summary reports it.
          requestsPerSec: decodeHist(raw.requests).mean,
          p50: latency.getValueAtPercentile(50),
          p95: latency.getValueAtPercentile(95),
          p97_5: latency.getValueAtPercentile(97.5),
          p99: latency.getValueAtPercentile(99),
          errors: raw.errors + raw.timeouts,
          non2xx: raw.non2xx,
        });
      },
    );
  });
}

/** Signs an official in over HTTP; the bearer header for the next requests. */
export async function signIn(
  url: string,
  username: string,
  password = "demo",
): Promise<{ authorization: string }> {
  const { token } = await json<{ token: string }>(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return { authorization: `Bearer ${token}` };
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
  const auth = await signIn(o.url, o.username, o.password);
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
  const byCode = () => `/api/v1/dossiers/${codes[i++ % codes.length]}`;
  const lookup = await hammer("GET /dossiers/{code} (lookup by code)", o, { path: byCode, headers: auth });
  const inbox = await hammer("GET /inbox (first page)", o, { path: "/api/v1/inbox?limit=20", headers: auth });
  const rate = o.pacedRate ?? 100;
  const pacing = { url: o.url, seconds: o.seconds, connections: 4, rate };
  const lookupPaced = await hammer(`GET /dossiers/{code} at ${rate}/s`, pacing, {
    path: byCode,
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
