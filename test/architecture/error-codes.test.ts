import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// FormSG style: each module's `*.errors.ts` lists what can go wrong in it, with a stable code, the
// Vietnamese and English messages and the HTTP status; services return those values and one mapper
// (kernel/http/errors.ts sendError) answers with them. So `appError(...)` is called in an errors
// file and nowhere else: a code written inline at a call site is a code no list shows.
const SRC = join(repoRoot, "src");
const DEFINITION = "kernel/common/app-error.ts";

/** Files not yet converted; empty since the journal rewrite, and to stay so. */
const NOT_YET = new Set<string>([]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const parse = (f: string) =>
  ts.createSourceFile(f, readFileSync(join(SRC, f), "utf8"), ts.ScriptTarget.Latest, true);

/** Every `appError(...)` call in a file. */
function appErrorCalls(source: ts.SourceFile): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "appError")
      out.push(n);
    n.forEachChild(visit);
  };
  visit(source);
  return out;
}

const lineOf = (source: ts.SourceFile, n: ts.Node) =>
  `line ${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;

const all = files(SRC).map((f) => relative(SRC, f));
const errorFiles = all.filter((f) => f.endsWith(".errors.ts"));

describe("error codes live in each module's *.errors.ts", () => {
  it.each(all.filter((f) => !f.endsWith(".errors.ts") && f !== DEFINITION && !NOT_YET.has(f)))(
    "%s builds no error of its own (it calls its module's *.errors.ts)",
    (f) => {
      const source = parse(f);
      expect(
        appErrorCalls(source).map((c) => `${lineOf(source, c)}: ${c.arguments[0]?.getText()}`),
        "declare the error in the module's <module>.errors.ts and call it from there",
      ).toEqual([]);
    },
  );

  it("the list of files not yet converted only shrinks", () => {
    const stale = [...NOT_YET].filter((f) => appErrorCalls(parse(f)).length === 0);
    expect(stale, "remove these from NOT_YET").toEqual([]);
  });

  it("each errors file exports the type of its codes, so a code compared or named is checked", () => {
    const untyped = errorFiles.filter(
      (f) => !NOT_YET_TYPED.has(f) && !/export type \w+ErrorCode\b/.test(readFileSync(join(SRC, f), "utf8")),
    );
    expect(untyped).toEqual([]);
  });

  it("a code answers with one HTTP status wherever it is declared", () => {
    const statuses = new Map<string, Set<string>>();
    for (const f of errorFiles) {
      for (const c of appErrorCalls(parse(f))) {
        const [code, status] = c.arguments;
        if (!code || !ts.isStringLiteral(code) || !status || !ts.isNumericLiteral(status)) continue;
        statuses.set(code.text, (statuses.get(code.text) ?? new Set()).add(status.text));
      }
    }
    expect(statuses.size).toBeGreaterThan(60);
    const split = [...statuses].filter(([, s]) => s.size > 1).map(([c, s]) => `${c}: ${[...s].join(", ")}`);
    expect(split).toEqual([]);
  });
});

/** Errors files without their code type; empty, and to stay so. */
const NOT_YET_TYPED = new Set<string>([]);
