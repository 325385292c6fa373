import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll } from "vitest";
import type { AppContext, Integrations } from "../../src/app/context.ts";
import { buildServer } from "../../src/app/server.ts";
import { loadDeployment } from "../../src/app/settings.ts";
import { totpCode } from "../../src/casework/auth/totp.ts";
import { PkiFolder } from "../../src/casework/documents/pki.store.ts";
import type { Db } from "../../src/kernel/db/database.ts";
import { LocalFileStore } from "../../src/kernel/files/file-store.store.ts";
import type { CallerLimits } from "../../src/kernel/http/rate-limits.ts";
import { loadCalendar } from "../../src/reference/calendar/calendar.repository.ts";

export interface TestApp {
  app: FastifyInstance;
  /** Set the server's clock (ISO with +07:00). */
  setNow(iso: string): void;
  /** Logs in a demo account (password "demo") and returns its bearer header. */
  as(username: string): Promise<{ authorization: string }>;
  /**
   * Signs in any official, confirming a second factor the way an authenticator app would when
   * the role needs one (the secret offered at first sign-in is kept for later sign-ins).
   */
  signIn(username: string, password: string): Promise<{ authorization: string }>;
  call(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    opts?: { as?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies of many shapes.
  ): Promise<{ status: number; body: any }>;
}

/** No national system; a throwaway file store and a demo PKI, so results can be signed. */
export function testIntegrations(): Integrations {
  const dir = mkdtempSync(join(tmpdir(), "motcua-test-"));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    dvcqg: null,
    population: null,
    registry: null,
    paygov: null,
    notifier: null,
    vneid: null,
    signing: new PkiFolder(join(dir, "pki"), true),
    virusScan: null,
    files: new LocalFileStore(join(dir, "files")),
    fileUrlSecret: "test-secret-test-secret",
    publicUrl: "http://127.0.0.1:3000",
    syncSloSeconds: 300,
  };
}

/** The real server over a test file's database, with a clock the test controls. */
export async function testApp(
  db: Db,
  startAt = "2026-03-09T08:00:00+07:00",
  integrations?: Partial<Integrations>,
  callerLimits?: CallerLimits,
  /** Further server settings (a health pool, trusted proxies). */
  context: Partial<Pick<AppContext, "probeDb" | "probeReadDb" | "trustProxy" | "readDb" | "metrics">> = {},
): Promise<TestApp> {
  const deployment = loadDeployment("ninh-binh");
  const calendar = await loadCalendar(db, deployment.calendar.sessions);
  let now = new Date(startAt);
  const app = await buildServer({
    db,
    deployment,
    calendar: async () => calendar,
    now: () => now,
    integrations: { ...testIntegrations(), ...integrations },
    callerLimits,
    ...context,
  });
  afterAll(() => app.close());
  // One sign-in per user shared by concurrent callers (sign-in is rate-limited, like production).
  const tokens = new Map<string, Promise<string>>();
  const as = async (username: string) => {
    let token = tokens.get(username);
    if (!token) {
      token = app
        .inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "demo" } })
        .then((r) => {
          if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.body}`);
          return r.json().token as string;
        });
      tokens.set(username, token);
    }
    return { authorization: `Bearer ${await token}` };
  };
  const secrets = new Map<string, string>();
  const signIn = async (username: string, password: string) => {
    const post = (totp?: string) =>
      app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password, totp } });
    let r = await post();
    const error = r.statusCode === 401 ? r.json().error : null;
    if (error?.code === "AUTH_TOTP_ENROL") secrets.set(username, error.details.secret);
    const secret = secrets.get(username);
    if (secret && (error?.code === "AUTH_TOTP_ENROL" || error?.code === "AUTH_TOTP_REQUIRED")) {
      r = await post(totpCode(secret, now.getTime()));
    }
    if (r.statusCode !== 200) throw new Error(`sign-in ${username}: ${r.body}`);
    return { authorization: `Bearer ${r.json().token}` };
  };
  return {
    app,
    signIn,
    setNow: (iso) => {
      now = new Date(iso);
      tokens.clear(); // tokens last 12 h of the server's clock
    },
    as,
    call: async (method, url, opts = {}) => {
      const headers = { ...(opts.as ? await as(opts.as) : {}), ...(opts.headers ?? {}) };
      const r = await app.inject({
        method,
        url,
        headers,
        ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      });
      return { status: r.statusCode, body: r.body ? r.json() : null };
    },
  };
}
