import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// One writer of the dossier journal (OpenCRVS: a case is a journal). `dossier_action` and its
// projection `dossier` are written by src/casework/dossiers/journal.repository.ts alone, which
// checks actions with decide(), keeps the KPI facts in step and names where events go (the
// outbox). Anything else that inserts, updates, deletes or copies into either table fails here.
const SRC = join(repoRoot, "src");
const OWNER = "casework/dossiers/journal.repository.ts";
/** Files that may write the tables anyway, each with its reason. Keep it empty. */
const EXEMPT: Record<string, string> = {};
/** Schema history: frozen by checksum, run once before any writer exists. */
const MIGRATIONS = "kernel/db/migrations/";

const TABLE = /^dossier(_action)?(\s+as\s+\w+)?$/i;
// The journal's tables and no other (dossier_code_counter, dossier_tracking… are not them).
const SQL_WRITE =
  /\b(insert\s+into|update|delete\s+from|copy|truncate(\s+table)?|merge\s+into)\s+(only\s+)?("?public"?\.)?"?dossier(_action)?"?(?![\w"])/i;
const KYSELY_WRITE = new Set(["insertInto", "updateTable", "deleteFrom", "mergeInto", "replaceInto"]);
const WRITE_HELPER = /insert|update|delete|copy|batch|upsert|write/i;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The text a literal stands for, through `as const`, parentheses and `"a" + "b"`. */
function literalText(n: ts.Node): string | null {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n))
    return literalText(n.expression);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [a, b] = [literalText(n.left), literalText(n.right)];
    return a !== null && b !== null ? a + b : null;
  }
  return null;
}

/** Every place in this source that writes `dossier` or `dossier_action`, as "line: what". */
function journalWrites(text: string, name = "x.ts"): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) =>
    found.push(`${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${what}`);
  const visit = (n: ts.Node) => {
    // SQL text, in strings and templates (the parts between ${…} joined by a placeholder).
    const sqlText = ts.isTemplateExpression(n)
      ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" $ ")
      : ts.isBinaryExpression(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
        ? literalText(n)
        : null;
    if (sqlText !== null) {
      const m = SQL_WRITE.exec(sqlText.replace(/\s+/g, " "));
      if (m) at(n, m[0]);
    }
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const method = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : "";
      const tables = n.arguments.map(literalText).filter((t): t is string => t !== null && TABLE.test(t));
      // db.insertInto("dossier"), insertInBatches(tx, "dossier_action", …), sql.table("dossier") in a write.
      if (tables.length && (KYSELY_WRITE.has(method) || WRITE_HELPER.test(method)))
        at(n, `${method}(${tables.join(", ")})`);
      if (tables.length && ["table", "id", "raw", "ref"].includes(method))
        at(n, `sql.${method}(${tables.join(", ")})`);
    }
    // A table name kept in a variable hides the write from the checks above: not allowed either.
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const t = literalText(n.initializer);
      if (t !== null && TABLE.test(t)) at(n, `${n.name.getText(source)} = "${t}"`);
    }
    n.forEachChild(visit);
  };
  visit(source);
  return found;
}

const all = files(SRC).map((f) => relative(SRC, f));
const writesIn = (f: string) => journalWrites(readFileSync(join(SRC, f), "utf8"), f);

describe("one owner of the dossier journal", () => {
  it("the detector sees every form a write can take", () => {
    const forms = [
      `db.insertInto("dossier").values(x)`,
      `tx.updateTable("dossier").set({ late: true })`,
      `tx\n  .deleteFrom(\n    "dossier_action"\n  )`,
      `db.updateTable("dossier as d").set(x)`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to scan, not a template
      "sql`UPDATE dossier SET sync_state = ${s}`",
      "sql`update  public.dossier set x = 1`",
      "q(`INSERT INTO dossier_action (dossier_id) VALUES ($1)`)",
      'q("DELETE FROM dossier WHERE synthetic")',
      'q("COPY dossier_action FROM STDIN")',
      "sql`TRUNCATE dossier`",
      `insertInBatches(tx, "dossier", rows)`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to scan, not a template
      'sql`UPDATE ${sql.table("dossier")} SET late = true`',
      // Ways a newcomer found around the first version of this detector:
      `db.updateTable("dossier" as const).set({ late: true })`,
      `const T = "dossier_action"; db.deleteFrom(T)`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to scan, not a template
      'sql`UPDATE ${sql.ref("dossier")} SET late = true`',
      'sql.raw("UPDATE " + "dossier SET late = true")',
    ];
    for (const f of forms) expect(journalWrites(f), f).not.toEqual([]);
  });

  it("and not reads, nor the tables beside the journal", () => {
    const reads = [
      `db.selectFrom("dossier").selectAll()`,
      "sql`SELECT * FROM dossier d JOIN dossier_action a ON a.dossier_id = d.id`",
      `db.insertInto("dossier_code_counter").values(x)`,
      "sql`INSERT INTO dossier_tracking (dossier_id) VALUES (1)`",
      `tx.updateTable("dossier_subcase").set(x)`,
      "// a comment that says: update dossier rows through the owner",
    ];
    for (const r of reads) expect(journalWrites(r), r).toEqual([]);
  });

  it("the owner is where the writes are", () => {
    // Reception's statement, actions, system entries, DVCQG's first entry, flags, history, purge.
    expect(writesIn(OWNER).length).toBeGreaterThan(10);
  });

  it.each(all.filter((f) => f !== OWNER && !f.startsWith(MIGRATIONS) && !EXEMPT[f]))(
    "%s writes neither dossier nor dossier_action (it calls journal.repository.ts)",
    (f) => {
      expect(writesIn(f)).toEqual([]);
    },
  );

  it("each exemption still writes (otherwise it leaves the list)", () => {
    for (const f of Object.keys(EXEMPT)) expect(writesIn(f), f).not.toEqual([]);
  });

  it("the owner keeps the reform indicators in step (refreshKpi, or kpi_apply in reception's statement)", () => {
    const text = readFileSync(join(SRC, OWNER), "utf8");
    expect(text).toMatch(/refreshKpi\(/);
    expect(text).toMatch(/kpi_apply\(/);
  });
});
