import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const font = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");

/** A one-page PDF of lines of Vietnamese text (stand-ins' certificates and receipts). */
export function textPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 56 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font(font).fontSize(12);
    for (const l of lines) doc.text(l.normalize("NFC")).moveDown(0.5);
    doc.end();
  });
}
