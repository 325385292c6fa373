// Builds the web app with Vite when its sources are newer than the last build, and records the
// size of the JavaScript a first visit downloads (entry chunk + its static imports, gzipped).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(fileURLToPath(import.meta.url), "../..");
export const WEB_DIR = join(root, "web");
export const WEB_DIST = join(WEB_DIR, "dist");
const STAMP = join(WEB_DIST, "build-report.json");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "dist" || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function webIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  return newestSource(WEB_DIR) > statSync(STAMP).mtimeMs;
}

export interface BuildReport {
  builtAt: string;
  initialJsBytes: number;
  initialJsGzipBytes: number;
  initialFiles: string[];
  chunks: { file: string; bytes: number; gzipBytes: number }[];
}

interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Entry + static imports, from Vite's manifest: what the browser loads before any lazy area. */
export function initialFiles(manifest: Record<string, ManifestEntry>): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const m = manifest[key];
    if (!m || seen.has(m.file)) return;
    seen.add(m.file);
    for (const i of m.imports ?? []) visit(i);
  };
  for (const [k, m] of Object.entries(manifest)) if (m.isEntry) visit(k);
  return [...seen];
}

export async function buildWeb(opts: { force?: boolean; quiet?: boolean } = {}): Promise<BuildReport> {
  if (!opts.force && !webIsStale()) return JSON.parse(readFileSync(STAMP, "utf8")) as BuildReport;
  const { build } = await import("vite");
  await build({ configFile: join(WEB_DIR, "vite.config.ts"), logLevel: opts.quiet ? "warn" : "info" });
  const manifest = JSON.parse(readFileSync(join(WEB_DIST, ".vite/manifest.json"), "utf8"));
  const sizes = (file: string) => {
    const bytes = readFileSync(join(WEB_DIST, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  };
  const chunks = readdirSync(join(WEB_DIST, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => sizes(`assets/${f}`));
  const initial = initialFiles(manifest).filter((f) => f.endsWith(".js"));
  const initialSizes = initial.map(sizes);
  const report: BuildReport = {
    builtAt: new Date().toISOString(),
    initialJsBytes: initialSizes.reduce((s, c) => s + c.bytes, 0),
    initialJsGzipBytes: initialSizes.reduce((s, c) => s + c.gzipBytes, 0),
    initialFiles: initial,
    chunks: chunks.sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
  writeFileSync(STAMP, JSON.stringify(report, null, 2));
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes("--force");
  const report = await buildWeb({ force });
  console.log(
    `web app: initial JS ${(report.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (${report.initialFiles.length} files)`,
  );
}
