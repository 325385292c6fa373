import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// One connection per unit of work. A statement sent through the pool (`db`) while a transaction
// (`tx`) is open waits for a second connection while the first holds its locks: under load every
// connection ends up in that wait and the server hangs (40 keyed receptions did), and the row it
// writes cannot see the transaction's uncommitted rows (every keyed reception answered 500).
// This rule finds, inside a transaction's callback, any use of a `db` or `ctx.db`, directly or
// through a function of the same file that uses one.
const SRC = join(repoRoot, "src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

type Fn = ts.FunctionLikeDeclaration;

const isFunction = (n: ts.Node): n is Fn =>
  ts.isArrowFunction(n) ||
  ts.isFunctionExpression(n) ||
  ts.isFunctionDeclaration(n) ||
  ts.isMethodDeclaration(n);

const paramNames = (f: Fn) =>
  new Set(f.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));

/** A pool handle named in `f` and not bound by `f` or a function inside it: `db`, `x.db`. */
function poolUses(f: Fn, source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node, bound: Set<string>) => {
    if (isFunction(n) && n !== f) {
      const inner = new Set([...bound, ...paramNames(n)]);
      n.forEachChild((c) => visit(c, inner));
      return;
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) bound.add(n.name.text);
    // `const { db } = ctx` binds the handle the caller passed (takeAction passes { ...ctx, db: tx }).
    if (ts.isBindingElement(n) && ts.isIdentifier(n.name)) bound.add(n.name.text);
    if (ts.isIdentifier(n) && n.text === "db" && !bound.has("db")) {
      const parent = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === n) ||
        ts.isPropertyAssignment(parent) ||
        ts.isParameter(parent) ||
        ts.isBindingElement(parent);
      if (!isName) found.push(`db at line ${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
    }
    if (ts.isPropertyAccessExpression(n) && n.name.text === "db") {
      found.push(`${n.getText()} at line ${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
    }
    n.forEachChild((c) => visit(c, bound));
  };
  f.forEachChild((c) => visit(c, paramNames(f)));
  return found;
}

/** `….transaction().execute(callback)` and `inTransaction(db, callback)`: the callbacks whose statements share one connection. */
function transactionCallbacks(source: ts.SourceFile): Fn[] {
  const out: Fn[] = [];
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
      if (cb && isFunction(cb)) out.push(cb);
    }
    // `inTransaction(db, callback)` (kernel/db/transaction.ts): the same, rolled back on an error.
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "inTransaction") {
      const cb = n.arguments[1];
      if (cb && isFunction(cb)) out.push(cb);
    }
    n.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** Functions of the file by name (declarations and `const f = (...) =>`), with their pool uses. */
function namedFunctions(source: ts.SourceFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (n: ts.Node) => {
    if (ts.isFunctionDeclaration(n) && n.name) out.set(n.name.text, poolUses(n, source));
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      isFunction(n.initializer)
    ) {
      out.set(n.name.text, poolUses(n.initializer, source));
    }
    n.forEachChild(visit);
  };
  visit(source);
  return out;
}

function violations(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const named = namedFunctions(source);
  return transactionCallbacks(source).flatMap((cb) => {
    const direct = poolUses(cb, source);
    const viaCalls: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const uses = named.get(n.expression.text) ?? [];
        if (uses.length > 0 && !paramNames(cb).has(n.expression.text)) {
          viaCalls.push(`${n.expression.text}() uses ${uses.join(", ")}`);
        }
      }
      n.forEachChild(visit);
    };
    cb.forEachChild(visit);
    return [...direct, ...viaCalls];
  });
}

const all = files(SRC).map((f) => relative(SRC, f));

describe("one connection per unit of work", () => {
  it("finds the transactions it checks", () => {
    const withTx = all.filter(
      (f) =>
        transactionCallbacks(
          ts.createSourceFile(f, readFileSync(join(SRC, f), "utf8"), ts.ScriptTarget.Latest, true),
        ).length > 0,
    );
    expect(withTx).toContain("casework/dossiers/reception.service.ts");
    expect(withTx.length).toBeGreaterThan(10);
  });

  it("finds the bug it exists for: a helper that writes through the pool, called in a transaction", () => {
    const dir = join(repoRoot, "test/architecture/fixtures");
    expect(violations(join(dir, "pool-in-transaction.fixture.ts"))).toEqual([
      "db at line 10",
      "logLookup() uses db at line 5",
    ]);
  });

  it.each(all)("%s uses no pool handle inside a transaction", (f) => {
    expect(violations(join(SRC, f))).toEqual([]);
  });

  it.each(all.filter((f) => f !== "kernel/db/database.ts"))(
    "%s makes no connection of its own (each gets its error listener in kernel/db/database.ts)",
    (f) => {
      expect(readFileSync(join(SRC, f), "utf8")).not.toMatch(/new pg\.(Client|Pool)\(|new (Client|Pool)\(/);
    },
  );
});
