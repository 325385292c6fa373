// The import graph of src/, read the way TypeScript reads it (static, type-only and dynamic
// imports alike). The layer test and the architecture diagram both come from here.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** The layers, lowest first: a file may import its own layer or a lower one. */
export const LAYERS = ["kernel", "reference", "casework", "oversight", "adapters", "tools", "app"] as const;
export type Layer = (typeof LAYERS)[number];

export interface Import {
  /** Importing file, relative to src/. */
  from: string;
  /** Imported file, relative to src/ (starts with ../ when outside it). */
  to: string;
  /** As written in the source. */
  specifier: string;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(ts|tsx|mts|mjs)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

/** Every relative import in src/, one row per import. */
export function importsOf(srcDir: string): Import[] {
  return sourceFiles(srcDir).flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    return info.importedFiles
      .filter((i) => i.fileName.startsWith("."))
      .map((i) => ({
        from: relative(srcDir, file),
        to: relative(srcDir, resolve(dirname(file), i.fileName)),
        specifier: i.fileName,
      }));
  });
}

/** The layer a src/ path is in, or undefined outside the layers (src/ itself, bench/, test/). */
export function layerOf(path: string): Layer | undefined {
  const top = path.split("/")[0];
  return (LAYERS as readonly string[]).includes(top ?? "") ? (top as Layer) : undefined;
}

/** A module: a layer's sub-folder (`casework/dossiers`), or the layer itself for files at its root. */
export function moduleOf(path: string): string {
  const parts = path.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
}

/** The composition root's context, built in app/. */
export const CONTEXT = "app/context.ts";

/**
 * A route file naming the app context's type (`import type { AppContext } ...`): allowed, since
 * route files are each module's face to the composition root and nothing is loaded upward at run
 * time. `text` is the importing file's source.
 */
export function isContextType(i: Import, text: string): boolean {
  return (
    i.from.endsWith(".routes.ts") &&
    i.to === CONTEXT &&
    new RegExp(`import type \\{[^}]*\\} from "[./]*${CONTEXT}"`).test(text)
  );
}

/** An import that reaches a higher layer than its own. */
export function isUpward(i: Import): boolean {
  const a = layerOf(i.from);
  const b = layerOf(i.to);
  return a !== undefined && b !== undefined && LAYERS.indexOf(b) > LAYERS.indexOf(a);
}
