import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// Returning an error inside a transaction rolls it back. Kysely commits whatever a callback given
// to `db.transaction().execute` returns, err(...) included: the writes before the error stay.
// `inTransaction` (src/kernel/db/transaction.ts) rolls back on a returned error, so a callback that
// returns a Result goes through it and nowhere else. A callback returns a Result, for this rule,
// when one of its own returns is `ok(...)`, `err(...)`, or a name the callback reads `.ok` of.
const SRC = join(repoRoot, "src");
const HELPER = "kernel/db/transaction.ts";

/** Files not yet converted; empty since the journal rewrite, and to stay so. */
const NOT_YET = new Set<string>([]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

type Fn = ts.ArrowFunction | ts.FunctionExpression;
const isCallback = (n: ts.Node | undefined): n is Fn =>
  !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));

/** The expressions `f` itself returns (not those of functions inside it). */
function returned(f: Fn): ts.Expression[] {
  if (!ts.isBlock(f.body)) return [f.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    n.forEachChild(visit);
  };
  f.body.forEachChild(visit);
  return out;
}

/** Names whose `.ok` the callback reads: the Results it checked. */
function checkedNames(f: Fn): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n) && n.name.text === "ok" && ts.isIdentifier(n.expression)) {
      out.add(n.expression.text);
    }
    n.forEachChild(visit);
  };
  f.forEachChild(visit);
  return out;
}

function isResult(e: ts.Expression, checked: Set<string>): boolean {
  let x = e;
  while (ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
  if (ts.isConditionalExpression(x)) return isResult(x.whenTrue, checked) || isResult(x.whenFalse, checked);
  if (ts.isCallExpression(x) && ts.isIdentifier(x.expression))
    return ["ok", "err"].includes(x.expression.text);
  return ts.isIdentifier(x) && checked.has(x.text);
}

/** `….transaction().execute(callback)` whose callback returns a Result, by line. */
function resultTransactions(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === "execute" &&
      ts.isCallExpression(n.expression.expression) &&
      ts.isPropertyAccessExpression(n.expression.expression.expression) &&
      n.expression.expression.expression.name.text === "transaction"
    ) {
      const cb = n.arguments[0];
      if (isCallback(cb)) {
        const checked = checkedNames(cb);
        if (returned(cb).some((e) => isResult(e, checked))) {
          out.push(`line ${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
        }
      }
    }
    n.forEachChild(visit);
  };
  visit(source);
  return out;
}

const all = files(SRC).map((f) => relative(SRC, f));

describe("a transaction whose callback returns a Result goes through inTransaction", () => {
  it("finds the shape it exists for: err(...) after a write, and a checked Result passed on", () => {
    const fixture = join(repoRoot, "test/architecture/fixtures/result-in-transaction.fixture.ts");
    expect(resultTransactions(fixture)).toEqual(["line 8", "line 14"]);
  });

  it.each(all.filter((f) => f !== HELPER && !NOT_YET.has(f)))(
    "%s gives Kysely no Result-returning transaction callback",
    (f) => {
      expect(resultTransactions(join(SRC, f)), "use inTransaction from src/kernel/db/transaction.ts").toEqual(
        [],
      );
    },
  );

  it("the list of files not yet converted only shrinks", () => {
    const stale = [...NOT_YET].filter((f) => resultTransactions(join(SRC, f)).length === 0);
    expect(stale, "remove these from NOT_YET").toEqual([]);
  });
});
