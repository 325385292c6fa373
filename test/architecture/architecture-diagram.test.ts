import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ARCHITECTURE,
  committedBlock,
  diagramBlock,
  mermaid,
  moduleGraph,
  withBlock,
} from "../../scripts/architecture-diagram.ts";
import { LAYERS } from "../../scripts/import-graph.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// The module diagram in ARCHITECTURE.md is generated from the imports: a move, a new module or a
// new import between modules changes it, and this test asks for it to be regenerated.
const SRC = join(repoRoot, "src");

// A small tree: p imports x and common (the second is implied through x), p and q import each
// other, and kernel/db reaches up into p.
const tiny = mkdtempSync(join(tmpdir(), "motcua-diagram-"));
const files: Record<string, string> = {
  "kernel/common/c.ts": "export const c = 1;",
  "kernel/db/d.ts": 'import type { P } from "../../casework/p/p.ts";',
  "reference/x/x.ts": 'import { c } from "../../kernel/common/c.ts";',
  "casework/p/p.ts": [
    'import "../../reference/x/x.ts";',
    'import "../../kernel/common/c.ts";',
    'import "../q/q.ts";',
    "export type P = 1;",
  ].join("\n"),
  "casework/q/q.ts": 'import "../p/p.ts";',
  "casework/q/q.routes.ts": 'import type { AppContext } from "../../app/context.ts";',
  "app/context.ts": "export interface AppContext {}",
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(tiny, path)), { recursive: true });
  writeFileSync(join(tiny, path), text);
}
for (const layer of LAYERS) mkdirSync(join(tiny, layer), { recursive: true });
afterAll(() => rmSync(tiny, { recursive: true, force: true }));

describe("architecture diagram", () => {
  it("the committed module diagram is the one the imports give (else: npm run docs:diagram)", () => {
    const committed = committedBlock(readFileSync(ARCHITECTURE, "utf8"));
    expect(
      committed,
      "ARCHITECTURE.md's module diagram is stale: run `npm run docs:diagram` and commit ARCHITECTURE.md",
    ).toBe(diagramBlock(SRC));
  });

  it("draws each module once, leaves out implied edges, keeps a cycle's edges, marks the upward ones", () => {
    const g = moduleGraph(tiny);
    expect(g.modules.get("casework")).toEqual(["casework/p", "casework/q"]);
    expect(g.modules.get("app")).toEqual(["app"]);
    expect(g.edges).toEqual([
      ["casework/p", "casework/q"],
      ["casework/p", "reference/x"],
      ["casework/q", "casework/p"],
      ["reference/x", "kernel/common"],
    ]);
    expect(g.upward).toEqual([["kernel/db", "casework/p", 1]]);
    const chart = mermaid(g);
    expect(chart).toContain('app__root["app/*.ts"]');
    expect(chart).toContain("casework_p <-.-|upward| kernel_db");
    expect(chart).toContain("linkStyle 4 stroke:#d32f2f");
  });

  it("rewrites only what is between the markers", () => {
    const md = "intro\n<!-- module-diagram:start -->\nold\n<!-- module-diagram:end -->\nrest\n";
    expect(withBlock(md, "new")).toBe(
      "intro\n<!-- module-diagram:start -->\n\nnew\n\n<!-- module-diagram:end -->\nrest\n",
    );
    expect(() => withBlock("no markers", "new")).toThrow(/markers/);
  });
});
