/** The font files forms embed, loaded at the edge (fonts.loader.ts) and passed to the renderers. */
export interface FontSet {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
}
