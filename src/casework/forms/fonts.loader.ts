import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../kernel/config/paths.ts";
import type { FontSet } from "./forms.types.ts";

let fonts: FontSet | undefined;

/** The one font every PDF uses; assets/fonts/liberation-serif/SOURCE.md says where it is from and why. */
export const FONT_DIR = join(repoRoot, "assets", "fonts", "liberation-serif");

/**
 * Liberation Serif 2.x: metric-compatible with Times New Roman (Decree 30/2020/NĐ-CP) and covering
 * every Vietnamese letter and tone mark.
 */
export function loadFonts(): FontSet {
  if (fonts) return fonts;
  const file = (style: string) => readFileSync(join(FONT_DIR, `LiberationSerif-${style}.ttf`));
  fonts = { regular: file("Regular"), bold: file("Bold"), italic: file("Italic") };
  return fonts;
}
