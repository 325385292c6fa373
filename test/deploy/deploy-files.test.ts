import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema, loadConfig } from "../../src/app/settings.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";

// Nothing in deploy/ can be built or run on this machine (no Docker, no booted systemd), so
// this checks what can be checked: every name these files give an operator is real.

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const deployFiles = readdirSync(join(repoRoot, "deploy"), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name).slice(repoRoot.length));
const files = [...deployFiles, "docs/operations.md"];
const keys = new Set(Object.keys(envSchema.shape));

// The PIN and secret variables are named by the operator in signers.json (README's example).
const signerSecrets = new Set(
  [...read("README.md").matchAll(/"(?:pinEnv|clientSecretEnv|passphraseEnv)": "([A-Z0-9_]+)"/g)].map(
    (m) => m[1],
  ),
);
// Embedded server and demo only: a production file has no reason to set them.
const notForProduction = ["MOTCUA_PG_PORT", "MOTCUA_STANDINS_PORT", "MOTCUA_DEMO_DOSSIERS"];

const CONFIG_NAME = /\b(?:MOTCUA_[A-Z0-9_]+|[A-Z_]*DATABASE_[A-Z0-9_]+|NODE_ENV|PORT|HOST|LOG_LEVEL)\b/g;

// The CA and trust-list files exist on the server, not here; motcua checks that they exist.
const caDir = mkdtempSync(join(tmpdir(), "motcua-deploy-"));
afterAll(() => rmSync(caDir, { recursive: true, force: true }));
const caFile = join(caDir, "ca.pem");
writeFileSync(caFile, "");
const withFiles = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, /^\/etc\/.*\.pem$/.test(v) ? caFile : v]));

/** KEY=value lines of an environment file. */
function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

const compose = parse(read("deploy/compose.yaml"), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      command?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      networks?: Record<string, { ipv4_address?: string }> | string[];
    }
  >;
};
const motcuaServices = Object.entries(compose.services).filter(([, s]) => s.image?.startsWith("motcua:"));
/** compose's ${VAR:-default} and ${VAR:?} filled as an operator's deploy/.env would. */
const filled = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v).replace(/\$\{([A-Z_]+)(?::[-?][^}]*)?\}/g, (_, name) =>
        /URL$/.test(name) ? "https://example.gov.vn" : `placeholder-for-${name.toLowerCase()}`,
      ),
    ]),
  );

describe("deploy/ and docs/operations.md name only real settings", () => {
  it("every environment variable they name is a configuration key (or a signers.json secret)", () => {
    const unknown = files.flatMap((f) =>
      [...read(f).matchAll(CONFIG_NAME)]
        .map((m) => m[0])
        .filter((name) => !keys.has(name) && !signerSecrets.has(name))
        .map((name) => `${f}: ${name}`),
    );
    expect([...new Set(unknown)]).toEqual([]);
  });

  it("the environment-file example names every production setting, and motcua accepts its values", () => {
    const text = read("deploy/motcua.env.example");
    const example = envFile(text);
    // A commented-out line (#KEY=…) shows an alternative, such as the local file store beside S3.
    const alternatives = envFile(text.replace(/^#(?=[A-Z])/gm, ""));
    const missing = [...keys].filter((k) => !(k in alternatives) && !notForProduction.includes(k));
    expect(missing).toEqual([]);
    expect(example).toMatchObject({ NODE_ENV: "production", MOTCUA_DEMO: "false", MOTCUA_WORKERS: "off" });
    expect(() => loadConfig(withFiles(example))).not.toThrow();
  });

  it("each motcua service's environment in compose.yaml is accepted by motcua", () => {
    expect(motcuaServices.length).toBeGreaterThanOrEqual(4);
    for (const [name, s] of motcuaServices) {
      const env = s.environment ?? {};
      expect(
        Object.keys(env).filter((k) => !keys.has(k)),
        name,
      ).toEqual([]);
      expect(() => loadConfig(filled(env)), name).not.toThrow();
    }
  });
});

describe("compose.yaml: the production topology", () => {
  const svc = compose.services;

  it("migrates once before the two HTTP nodes and the worker start", () => {
    expect(svc.migrate?.command).toEqual(["migrate", "up"]);
    for (const name of ["app1", "app2", "worker"]) {
      expect(svc[name]?.depends_on?.migrate?.condition, name).toBe("service_completed_successfully");
      expect(svc[name]?.environment?.MOTCUA_MIGRATE_ON_START, name).toBe("false");
    }
  });

  it("runs two serve nodes with workers off and one worker", () => {
    for (const name of ["app1", "app2"]) {
      expect(svc[name]?.command, name).toEqual(["serve"]);
      expect(svc[name]?.environment?.MOTCUA_WORKERS, name).toBe("off");
    }
    expect(svc.worker?.command).toEqual(["worker"]);
  });

  it("trusts exactly the proxy's fixed address, and the proxy forwards to both nodes", () => {
    const networks = svc.proxy?.networks as Record<string, { ipv4_address?: string }>;
    const proxyAddress = Object.values(networks)[0]?.ipv4_address;
    expect(proxyAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(svc.app1?.environment?.MOTCUA_TRUST_PROXY).toBe(proxyAddress);
    expect(svc.app2?.environment?.MOTCUA_TRUST_PROXY).toBe(proxyAddress);
    expect(read("deploy/Caddyfile")).toMatch(/reverse_proxy app1:3000 app2:3000/);
  });

  it("has a PostgreSQL primary, a streaming replica the reports read, and S3-compatible storage", () => {
    const env = svc.app1?.environment ?? {};
    expect(env.DATABASE_URL).toContain("@postgres-primary:");
    expect(env.DATABASE_READ_URL).toContain("@postgres-replica:");
    expect(env.MOTCUA_S3_ENDPOINT).toBe("http://minio:9000");
    expect(read("deploy/postgres/replica-entrypoint.sh")).toMatch(/pg_basebackup .*-R/);
    expect(svc["minio-bucket"]?.depends_on?.minio).toBeDefined();
  });
});

describe("the commands they name exist", () => {
  let commands: Set<string>;
  beforeAll(async () => {
    // main.ts builds the program and parses argv at import: capture the program instead.
    const parseAsync = Command.prototype.parseAsync;
    let program: Command | undefined;
    Command.prototype.parseAsync = async function (this: Command) {
      program = this;
      return this;
    };
    try {
      await import("../../src/app/cli/main.ts");
    } finally {
      Command.prototype.parseAsync = parseAsync;
    }
    const paths = (c: Command, prefix: string): string[] =>
      c.commands.flatMap((s) => [`${prefix}${s.name()}`, ...paths(s, `${prefix}${s.name()} `)]);
    commands = new Set(paths(program as Command, ""));
  });

  /** `motcua a b` in backticks or code blocks, `bin/motcua.js a b`, and compose's commands. */
  const named = () => {
    const found: string[] = [];
    const inCode = (text: string) =>
      [
        ...text.matchAll(/```[\s\S]*?```/g),
        ...text.matchAll(/`[^`\n]+`/g),
        ...text.matchAll(/bin\/motcua\.js [^\n]*/g),
      ].map((m) => m[0]);
    for (const f of files) {
      for (const code of inCode(read(f))) {
        // Not the user (`-u motcua`), a path (/opt/motcua) or a role (motcua_app).
        const command = /(?<![\w/.-]|-u )motcua(?:\.js)? ([a-z][a-z-]*)(?!\w)(?: ([a-z][a-z-]*)(?!\w))?/g;
        for (const m of code.matchAll(command)) {
          found.push(`${f}: ${[m[1], m[2]].filter(Boolean).join(" ")}`);
        }
      }
    }
    for (const [name, s] of motcuaServices) found.push(`compose ${name}: ${s.command?.join(" ")}`);
    return found;
  };

  it("in the program (commander), with their subcommands", () => {
    const wrong = named().filter((n) => {
      const [first, second] = n.slice(n.indexOf(": ") + 2).split(" ");
      const hasSub = [...commands].some((c) => c.startsWith(`${first} `));
      return !commands.has(first as string) || (hasSub && !commands.has(`${first} ${second}`));
    });
    expect(named().length).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  it("the image runs `node bin/motcua.js serve` as a non-root user, and builds the web app", () => {
    const docker = read("deploy/Dockerfile");
    expect(docker).toMatch(/^ENTRYPOINT \["node", "bin\/motcua\.js"\]\nCMD \["serve"\]$/m);
    expect(docker).toMatch(/^USER motcua$/m);
    expect(docker).toMatch(/npm ci --omit=dev/);
    const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
    const build = /RUN npm run ([\w:]+)/.exec(docker)?.[1] as string;
    expect(scripts[build]).toContain("build-web");
  });
});

describe("health check and dashboard match what a node serves", () => {
  let served: { live: number; metrics: Set<string> };
  beforeAll(async () => {
    const { db } = await freshDatabase();
    const { app } = await testApp(db);
    const live = await app.inject({ url: "/health/live" });
    const text = (await app.inject({ url: "/metrics" })).body;
    const names = [...text.matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(([, name, type]) =>
      type === "histogram" ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name as string],
    );
    served = { live: live.statusCode, metrics: new Set(names) };
  });

  it("the Dockerfile's HEALTHCHECK and the proxy's probe ask a path that answers 200", () => {
    const path = /HEALTHCHECK[\s\S]*?127\.0\.0\.1:'\+[^+]+\+'(\/[\w/]+)'/.exec(
      read("deploy/Dockerfile"),
    )?.[1];
    expect(path).toBe("/health/live");
    expect(served.live).toBe(200);
    expect(/health_uri (\S+)/.exec(read("deploy/Caddyfile"))?.[1]).toBe("/health/live");
  });

  it("every metric on the dashboard and in the guide is served, and the dashboard shows each of motcua's", () => {
    const dashboard = read("deploy/grafana-dashboard.json");
    const metricNames =
      /\b(?:(?:motcua|process|nodejs)_[a-z0-9_]+|http_request_duration_seconds_(?:bucket|count|sum))\b/g;
    const shown = new Set([...dashboard.matchAll(metricNames)].map((m) => m[0]));
    const monitoring = /## Monitoring[\s\S]*?\n## /.exec(read("docs/operations.md"))?.[0] ?? "";
    const guide = new Set([...monitoring.matchAll(metricNames)].map((m) => m[0]));
    expect(guide.size).toBeGreaterThan(5);
    expect([...shown, ...guide].filter((n) => !served.metrics.has(n))).toEqual([]);
    const motcuaMetrics = [...served.metrics].filter((n) => n.startsWith("motcua_"));
    expect(motcuaMetrics.filter((n) => !shown.has(n))).toEqual([]);
  });
});
