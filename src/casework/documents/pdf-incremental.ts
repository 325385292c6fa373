// A PDF incremental update (ISO 32000 7.5.6): new or replaced objects, an xref section for them
// and a trailer with /Prev, appended after %%EOF. Earlier bytes are never touched, so every
// signature made before stays valid. Classic xref tables only (what PDFKit and @signpdf write).

export interface PdfTail {
  /** Byte offset of each object's latest version, through every /Prev. */
  offsets: Map<number, number>;
  /** The last trailer dictionary, as written. */
  trailer: string;
  startxref: number;
  size: number;
  root: { num: number; gen: number };
}

const latin1 = (b: Uint8Array, from = 0, to = b.length) => Buffer.from(b).toString("latin1", from, to);

/** The end of the dictionary opening at `at` ("<<"): strings, hex strings and comments skipped. */
export function dictEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text[i];
    if (ch === "<" && text[i + 1] === "<") {
      depth++;
      i++;
    } else if (ch === ">" && text[i + 1] === ">") {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (ch === "<") {
      i = text.indexOf(">", i);
    } else if (ch === "(") {
      let nest = 1;
      while (nest > 0 && ++i < text.length) {
        if (text[i] === "\\") i++;
        else if (text[i] === "(") nest++;
        else if (text[i] === ")") nest--;
      }
    } else if (ch === "%") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    }
    if (i < 0) break;
  }
  throw new Error("PDF: unterminated dictionary");
}

/** Reads the xref tables from the last startxref back through /Prev. */
export function readTail(pdf: Uint8Array): PdfTail {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) throw new Error("PDF: no startxref at the end");
  const startxref = Number(sx[1]);
  const offsets = new Map<number, number>();
  let trailer = "";
  const seen = new Set<number>();
  for (let at: number | null = startxref; at !== null; ) {
    if (seen.has(at)) throw new Error("PDF: xref /Prev loop");
    seen.add(at);
    const section = readSection(pdf, at);
    for (const [n, o] of section.offsets) if (!offsets.has(n)) offsets.set(n, o);
    if (!trailer) trailer = section.trailer;
    const prev = /\/Prev\s+(\d+)/.exec(section.trailer);
    at = prev ? Number(prev[1]) : null;
  }
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  if (!size || !root) throw new Error("PDF: trailer without /Size or /Root");
  return {
    offsets,
    trailer,
    startxref,
    size: Number(size[1]),
    root: { num: Number(root[1]), gen: Number(root[2]) },
  };
}

function readSection(pdf: Uint8Array, at: number) {
  const text = latin1(pdf, at, Math.min(pdf.length, at + 1_000_000));
  const head = /^\s*xref\s+/.exec(text);
  if (!head) throw new Error("PDF: cross-reference streams are not supported");
  const offsets = new Map<number, number>();
  const sub = /(\d+)\s+(\d+)\s*[\r\n]+/y;
  const entry = /(\d{10})\s(\d{5})\s([nf])\s*/y;
  let pos = head[0].length;
  for (;;) {
    sub.lastIndex = pos;
    const s = sub.exec(text);
    if (!s) break;
    pos = sub.lastIndex;
    for (let i = 0; i < Number(s[2]); i++) {
      entry.lastIndex = pos;
      const e = entry.exec(text);
      if (!e) throw new Error("PDF: malformed xref entry");
      pos = entry.lastIndex;
      if (e[3] === "n") offsets.set(Number(s[1]) + i, Number(e[1]));
    }
  }
  const t = text.indexOf("trailer", pos);
  const open = t < 0 ? -1 : text.indexOf("<<", t);
  if (open < 0) throw new Error("PDF: xref section without trailer");
  return { offsets, trailer: text.slice(open, dictEnd(text, open)) };
}

/** The dictionary of a (non-stream) object, "<< … >>" as written. */
export function objectDict(pdf: Uint8Array, tail: PdfTail, num: number): string {
  const at = tail.offsets.get(num);
  if (at === undefined) throw new Error(`PDF: object ${num} not in the xref`);
  const text = latin1(pdf, at, Math.min(pdf.length, at + 1_000_000));
  const open = text.indexOf("<<");
  if (!/^\s*\d+\s+\d+\s+obj\s*$/.test(text.slice(0, open)))
    throw new Error(`PDF: object ${num} is not a dictionary`);
  return text.slice(open, dictEnd(text, open));
}

/** An object body: a dictionary or other value, or a stream with its bytes. */
export type PdfObjectBody = string | { dict: string; stream: Uint8Array };

/** A stream object holding `bytes` as they are (no filter). */
export const rawStream = (bytes: Uint8Array): PdfObjectBody => ({
  dict: `<< /Length ${bytes.length} >>`,
  stream: bytes,
});

/**
 * Appends one incremental update with `objects` (number → body; existing numbers are replaced),
 * carrying the trailer's /Root, /Info and /ID forward.
 */
export function appendUpdate(pdf: Uint8Array, tail: PdfTail, objects: Map<number, PdfObjectBody>): Buffer {
  const parts: Buffer[] = [Buffer.from(pdf)];
  let length = pdf.length;
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  push(Buffer.from("\n", "latin1"));
  const placed = new Map<number, number>();
  for (const [num, body] of [...objects].sort(([a], [b]) => a - b)) {
    placed.set(num, length);
    if (typeof body === "string") push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, "latin1"));
    else {
      push(Buffer.from(`${num} 0 obj\n${body.dict}\nstream\n`, "latin1"));
      push(Buffer.from(body.stream));
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    }
  }
  const xrefAt = length;
  const rows: string[] = ["xref"];
  const nums = [...placed.keys()];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === (nums[j] as number) + 1) j++;
    rows.push(`${nums[i]} ${j - i + 1}`);
    // Each entry exactly 20 bytes: 10-digit offset, 5-digit generation, keyword, two-byte EOL.
    for (let k = i; k <= j; k++)
      rows.push(`${String(placed.get(nums[k] as number)).padStart(10, "0")} 00000 n `);
    i = j + 1;
  }
  const size = Math.max(tail.size, ...nums.map((n) => n + 1));
  const keep = (key: string, re: RegExp) => {
    const m = re.exec(tail.trailer);
    return m ? [`/${key} ${m[1]}`] : [];
  };
  const trailer = [
    `/Size ${size}`,
    `/Root ${tail.root.num} ${tail.root.gen} R`,
    ...keep("Info", /\/Info\s+(\d+\s+\d+\s+R)/),
    ...keep("ID", /\/ID\s*(\[[^\]]*\])/),
    `/Prev ${tail.startxref}`,
  ];
  push(
    Buffer.from(
      `${rows.join("\n")}\ntrailer\n<<\n${trailer.join("\n")}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts, length);
}
