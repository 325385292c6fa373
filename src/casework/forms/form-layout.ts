import PDFDocument from "pdfkit";
import type { FontSet } from "./forms.types.ts";

export type Pdf = PDFKit.PDFDocument;

/** Renders a document into a Buffer (pdfkit works in memory). */
export function renderPdf(
  size: "A5" | "A4",
  fonts: FontSet,
  draw: (doc: Pdf) => void,
  landscape = false,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size,
    margin: size === "A5" ? 32 : 40,
    layout: landscape ? "landscape" : "portrait",
    info: { Producer: "motcua" },
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  doc.registerFont("italic", fonts.italic);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.font("regular").fontSize(9.5);
  draw(doc);
  doc.end();
  return done;
}

/** Agency on the left, the national motto on the right (Quốc hiệu, tiêu ngữ). */
export function nationalHeader(doc: Pdf, agencyName: string, code?: string): void {
  const top = doc.y;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const half = width * 0.45;
  doc.font("bold").fontSize(8.5).text(agencyName.toUpperCase(), left, top, { width: half, align: "center" });
  if (code)
    doc
      .font("regular")
      .fontSize(8)
      .text(`Số: ${code}`, left, doc.y + 2, { width: half, align: "center" });
  const leftBottom = doc.y;
  doc
    .font("bold")
    .fontSize(8.5)
    .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", left + half, top, { width: width - half, align: "center" });
  doc
    .font("bold")
    .fontSize(8.5)
    .text("Độc lập - Tự do - Hạnh phúc", { width: width - half, align: "center" });
  doc.y = Math.max(leftBottom, doc.y) + 10;
  doc.x = left;
}

export function title(doc: Pdf, text: string, sub?: string): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font("bold").fontSize(11.5).text(text, doc.page.margins.left, doc.y, { width, align: "center" });
  if (sub) doc.font("italic").fontSize(8.5).text(sub, { width, align: "center" });
  doc.moveDown(0.6);
  doc.font("regular").fontSize(9.5);
}

export function field(doc: Pdf, label: string, value: string): void {
  doc
    .font("bold")
    .text(`${label}: `, { continued: true })
    .font("regular")
    .text(value || "—");
}

export function paragraph(doc: Pdf, text: string): void {
  doc.font("regular").text(text, { align: "justify" });
  doc.moveDown(0.3);
}

export function bullets(doc: Pdf, items: readonly string[]): void {
  for (const [i, item] of items.entries()) doc.font("regular").text(`${i + 1}. ${item}`, { indent: 10 });
  doc.moveDown(0.3);
}

/** Signature blocks side by side, e.g. the applicant and the receiving official. */
export function signatures(doc: Pdf, blocks: readonly { role: string; name?: string }[]): void {
  doc.moveDown(0.8);
  const top = doc.y;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const each = width / blocks.length;
  blocks.forEach((b, i) => {
    const x = doc.page.margins.left + i * each;
    doc.font("bold").text(b.role, x, top, { width: each, align: "center" });
    doc.font("italic").fontSize(8).text("(Ký, ghi rõ họ tên)", x, doc.y, { width: each, align: "center" });
    if (b.name)
      doc
        .font("regular")
        .fontSize(9.5)
        .text(b.name, x, doc.y + 30, { width: each, align: "center" });
    doc.fontSize(9.5);
  });
  doc.x = doc.page.margins.left;
}

/** A simple ruled table; rows that do not fit continue on a new page with the header again. */
export function table(
  doc: Pdf,
  columns: readonly { header: string; width: number }[],
  rows: readonly string[][],
): void {
  const left = doc.page.margins.left;
  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? "bold" : "regular").fontSize(8);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: (columns[i]?.width ?? 50) - 6 }));
    const h = Math.max(...heights, 10) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold)
        drawRow(
          columns.map((c) => c.header),
          true,
        );
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = columns[i]?.width ?? 50;
      doc.rect(x, y, w, h).stroke();
      doc.text(c, x + 3, y + 3, { width: w - 6 });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  for (const r of rows) drawRow(r, false);
  doc.fontSize(9.5);
}
