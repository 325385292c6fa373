import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FontSet } from "./forms.types.ts";

let fonts: FontSet | undefined;

/** DejaVu (from the dejavu-fonts-ttf package) covers every Vietnamese letter and tone mark. */
export function loadFonts(): FontSet {
  if (fonts) return fonts;
  const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  fonts = {
    regular: readFileSync(join(dir, "DejaVuSans.ttf")),
    bold: readFileSync(join(dir, "DejaVuSans-Bold.ttf")),
    italic: readFileSync(join(dir, "DejaVuSans-Oblique.ttf")),
  };
  return fonts;
}
