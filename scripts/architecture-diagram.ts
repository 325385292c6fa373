// Writes ARCHITECTURE.md's module diagram from the import graph (scripts/import-graph.ts): a
// Mermaid flowchart with one subgraph per layer and one node per module, between the markers
// below. `--check` fails when the committed diagram is stale.
//
// Edges read "imports". Edges implied by a longer path are left out: A → C is drawn only when C
// cannot be reached through another module A imports (a transitive reduction of the graph of
// modules, where modules importing each other in a cycle keep all their edges between them).
// Upward edges, the listed exceptions of test/architecture/layer-exceptions.json, are always
// drawn, dashed and red. A route file naming the app context's type is the allowed face to the
// composition root, not an edge.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importsOf, isContextType, isUpward, LAYERS, type Layer, layerOf, moduleOf } from "./import-graph.ts";

const root = resolve(fileURLToPath(import.meta.url), "../..");
export const ARCHITECTURE = join(root, "ARCHITECTURE.md");
export const START = "<!-- module-diagram:start -->";
export const END = "<!-- module-diagram:end -->";

const TITLES: Record<Layer, string> = {
  kernel: "kernel: infrastructure every layer uses",
  reference: "reference: reference data and its rules",
  casework: "casework: dossiers and what acts on them",
  oversight: "oversight: indicators, overview, steering",
  adapters: "adapters: national systems",
  tools: "tools: demo, stand-ins, backup",
  app: "app: composition root",
};

interface Graph {
  /** Modules by layer, sorted. */
  modules: Map<Layer, string[]>;
  /** Edges within a layer or down to a lower one, after the reduction: [from, to], sorted. */
  edges: [string, string][];
  /** Upward edges with how many file imports each stands for, sorted. */
  upward: [string, string, number][];
}

/** A layer's modules: its sub-folders, and the layer itself when files sit at its root. */
function modulesOf(srcDir: string, layer: Layer): string[] {
  const entries = readdirSync(join(srcDir, layer), { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => `${layer}/${e.name}`);
  return [...(entries.some((e) => e.isFile()) ? [layer] : []), ...folders].sort();
}

const byPair = (a: [string, string, ...unknown[]], b: [string, string, ...unknown[]]) =>
  a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0]);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The strongly connected components of a graph: component number by node. */
function components(nodes: string[], next: Map<string, Set<string>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(next.get(v) ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const id = index.get(v) ?? 0; // the root's index names the component
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w);
        component.set(w, id);
      }
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return component;
}

/** The module graph of src/, reduced as described at the top of this file. */
export function moduleGraph(srcDir: string): Graph {
  const modules = new Map(LAYERS.map((l) => [l, modulesOf(srcDir, l)] as const));
  const down = new Map<string, Set<string>>();
  const upward = new Map<string, number>();
  for (const i of importsOf(srcDir)) {
    const [a, b] = [moduleOf(i.from), moduleOf(i.to)];
    if (a === b || layerOf(i.to) === undefined) continue;
    if (isContextType(i, readFileSync(join(srcDir, i.from), "utf8"))) continue;
    if (isUpward(i)) upward.set(`${a}\n${b}`, (upward.get(`${a}\n${b}`) ?? 0) + 1);
    else down.set(a, (down.get(a) ?? new Set()).add(b));
  }
  const nodes = [...modules.values()].flat();
  const component = components(nodes, down);
  const comp = (m: string) => component.get(m) ?? -1;
  // The components form a DAG; A → C is implied when C's component is reached through another.
  const dag = new Map<number, Set<number>>();
  for (const [a, bs] of down) {
    const next = dag.get(comp(a)) ?? new Set();
    for (const b of bs) if (comp(a) !== comp(b)) next.add(comp(b));
    dag.set(comp(a), next);
  }
  const reachedAround = (from: number, to: number) => {
    const seen = new Set<number>();
    const todo = [...(dag.get(from) ?? [])].filter((c) => c !== to);
    for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
      if (c === to) return true;
      if (seen.has(c)) continue;
      seen.add(c);
      todo.push(...(dag.get(c) ?? []));
    }
    return false;
  };
  const edges = [...down]
    .flatMap(([a, bs]) => [...bs].map((b): [string, string] => [a, b]))
    .filter(([a, b]) => comp(a) === comp(b) || !reachedAround(comp(a), comp(b)))
    .sort(byPair);
  return {
    modules,
    edges,
    upward: [...upward]
      .map(([k, n]): [string, string, number] => {
        const [a = "", b = ""] = k.split("\n");
        return [a, b, n];
      })
      .sort(byPair),
  };
}

const id = (m: string) => (m.includes("/") ? m.replace(/[/-]/g, "_") : `${m}__root`);
const label = (m: string) => (m.includes("/") ? m.slice(m.indexOf("/") + 1) : `${m}/*.ts`);

/** The Mermaid flowchart of the module graph, highest layer first. */
export function mermaid(g: Graph): string {
  const lines = ["flowchart TB"];
  for (const layer of [...LAYERS].reverse()) {
    lines.push(`  subgraph layer_${layer}["${TITLES[layer]}"]`);
    for (const m of g.modules.get(layer) ?? []) lines.push(`    ${id(m)}["${label(m)}"]`);
    lines.push("  end");
  }
  for (const [a, b] of g.edges) lines.push(`  ${id(a)} --> ${id(b)}`);
  for (const [a, b, n] of g.upward) lines.push(`  ${id(b)} <-.-|upward${n > 1 ? ` ×${n}` : ""}| ${id(a)}`);
  if (g.upward.length > 0) {
    const first = g.edges.length;
    const indexes = g.upward.map((_, k) => first + k).join(",");
    lines.push(`  linkStyle ${indexes} stroke:#d32f2f,stroke-width:2px,color:#d32f2f`);
  }
  return lines.join("\n");
}

/** What goes between the markers. */
export function diagramBlock(srcDir = join(root, "src")): string {
  return [
    "<!-- Generated by `npm run docs:diagram` (scripts/architecture-diagram.ts) from the imports; do not edit. -->",
    "",
    "```mermaid",
    mermaid(moduleGraph(srcDir)),
    "```",
  ].join("\n");
}

/** The block committed between the markers of a markdown text. */
export function committedBlock(markdown: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`ARCHITECTURE.md lacks the markers ${START} … ${END}`);
  return markdown.slice(start + START.length, end).trim();
}

/** The markdown text with `block` between the markers. */
export function withBlock(markdown: string, block: string): string {
  committedBlock(markdown);
  const before = markdown.slice(0, markdown.indexOf(START) + START.length);
  return `${before}\n\n${block}\n\n${markdown.slice(markdown.indexOf(END))}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = readFileSync(ARCHITECTURE, "utf8");
  const block = diagramBlock();
  if (process.argv.includes("--check")) {
    if (committedBlock(text) !== block) {
      console.error("ARCHITECTURE.md's module diagram is stale: run npm run docs:diagram");
      process.exit(1);
    }
    console.log("ARCHITECTURE.md's module diagram is up to date");
  } else {
    writeFileSync(ARCHITECTURE, withBlock(text, block));
    console.log(`wrote the module diagram in ${ARCHITECTURE}`);
  }
}
