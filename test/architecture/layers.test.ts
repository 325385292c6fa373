import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTEXT, importsOf, isContextType, isUpward, LAYERS, layerOf } from "../../scripts/import-graph.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import ratchet from "./layer-exceptions.json" with { type: "json" };

// X-Road style: the layer map in ARCHITECTURE.md is a rule, not a picture. A file may import its
// own layer or a lower one (kernel < reference < casework < oversight < adapters < tools < app).
// A reach upward goes through a port: an interface the lower layer owns and a higher one implements.
const SRC = join(repoRoot, "src");
const all = importsOf(SRC);
const key = (i: { from: string; to: string }) => `${i.from} -> ${i.to}`;

// Route files are each module's face to the composition root: they receive the context app/
// builds, and may name its type (type-only, so no module is loaded upward at run time).
const upward = all.filter(isUpward).filter((i) => !isContextType(i, readFileSync(join(SRC, i.from), "utf8")));

describe("layers", () => {
  it("every file under src/ sits in a layer", () => {
    const outside = [...new Set(all.map((i) => i.from))].filter((f) => layerOf(f) === undefined);
    expect(outside, `put these under one of ${LAYERS.join(", ")}`).toEqual([]);
  });

  it("no file imports a higher layer, beyond the known exceptions", () => {
    const known = new Set(Object.keys(ratchet.exceptions));
    const added = upward.map(key).filter((k) => !known.has(k));
    expect(added, "an upward import: go through a port the lower layer owns (ARCHITECTURE.md)").toEqual([]);
  });

  it("the list of exceptions only shrinks: a listed import that is gone leaves the list", () => {
    const present = new Set(upward.map(key));
    const stale = Object.keys(ratchet.exceptions).filter((k) => !present.has(k));
    expect(stale, "remove these from test/architecture/layer-exceptions.json").toEqual([]);
  });

  it("route files name the app context by type only (beyond the known exceptions)", () => {
    const known = new Set(Object.keys(ratchet.exceptions));
    const valued = all.filter(
      (i) =>
        i.to === CONTEXT &&
        !i.from.startsWith("app/") &&
        !known.has(key(i)) &&
        !isContextType(i, readFileSync(join(SRC, i.from), "utf8")),
    );
    expect(valued.map(key)).toEqual([]);
  });

  it("only the composition root registers routes: no module imports another's *.routes.ts", () => {
    const crossing = all.filter(
      (i) =>
        i.to.endsWith(".routes.ts") &&
        !i.from.startsWith("app/") &&
        i.from.split("/")[1] !== i.to.split("/")[1],
    );
    expect(crossing.map(key)).toEqual([]);
  });

  it("nothing under src/ imports bench/, test/ or scripts/ (a production install has none of them)", () => {
    expect(all.filter((i) => i.to.startsWith("../")).map(key)).toEqual([]);
  });

  it("the import reader sees dynamic imports", () => {
    expect(all.some((i) => i.from === "app/cli/main.ts" && i.to === "app/cli/with-runtime.ts")).toBe(true);
  });
});
