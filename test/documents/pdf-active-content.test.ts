import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pdfHazards } from "../../src/casework/documents/file-checks.ts";
import { checkPdfOffThread, closePdfChecks } from "../../src/casework/documents/pdf-check-pool.worker.ts";

/** A one-page PDF; `change` adds to it through pdf-lib, saved with compressed object streams. */
async function build(
  change: (doc: PDFDocument) => void | Promise<void> = () => {},
  useObjectStreams = true,
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText("To khai");
  await change(doc);
  return Buffer.from(await doc.save({ useObjectStreams }));
}

const jsAction = (doc: PDFDocument) =>
  doc.context.register(doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") }));

describe("PDF active content is found by parsing, also inside compressed object streams", () => {
  it("a clean PDF, with or without object streams, passes", async () => {
    expect(await pdfHazards(await build())).toBeNull();
    expect(await pdfHazards(await build(() => {}, false))).toBeNull();
  });

  it("document JavaScript in a name tree inside a FlateDecode object stream is refused", async () => {
    const bytes = await build((doc) => {
      const tree = doc.context.register(
        doc.context.obj({ Names: [PDFHexString.fromText("x"), jsAction(doc)] }),
      );
      doc.catalog.set(PDFName.of("Names"), doc.context.obj({ JavaScript: tree }));
    });
    // The raw bytes show nothing: the catalog and the action are compressed.
    expect(bytes.includes("/JavaScript")).toBe(false);
    expect(bytes.includes("/ObjStm")).toBe(true);
    expect(await pdfHazards(bytes)).toMatchObject({ code: "PDF_ACTIVE_CONTENT", what: "JavaScript" });
  });

  it("an OpenAction that runs an action is refused; one that only opens at a page passes", async () => {
    const launch = await build((doc) => {
      doc.catalog.set(
        PDFName.of("OpenAction"),
        doc.context.register(doc.context.obj({ S: "Launch", F: PDFString.of("cmd.exe") })),
      );
    });
    expect(await pdfHazards(launch)).toMatchObject({ code: "PDF_ACTIVE_CONTENT" });
    const goTo = await build((doc) => {
      doc.catalog.set(
        PDFName.of("OpenAction"),
        doc.context.register(doc.context.obj({ S: "GoTo", D: [doc.getPage(0).ref, "Fit"] })),
      );
    });
    expect(await pdfHazards(goTo)).toMatchObject({ code: "PDF_ACTIVE_CONTENT" });
    const destination = await build((doc) => {
      doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj([doc.getPage(0).ref, "Fit"]));
    });
    expect(await pdfHazards(destination)).toBeNull();
  });

  it("a Launch action on a page annotation and additional actions (AA) are refused", async () => {
    const launch = await build((doc) => {
      const annot = doc.context.register(
        doc.context.obj({
          Type: "Annot",
          Subtype: "Link",
          Rect: [0, 0, 100, 100],
          A: { S: "Launch", F: PDFString.of("calc.exe") },
        }),
      );
      doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([annot]));
    });
    expect(await pdfHazards(launch)).toMatchObject({
      code: "PDF_ACTIVE_CONTENT",
      what: "lệnh chạy chương trình",
    });
    const aa = await build((doc) => {
      doc.getPage(0).node.set(PDFName.of("AA"), doc.context.obj({ O: jsAction(doc) }));
    });
    expect(await pdfHazards(aa)).toMatchObject({ code: "PDF_ACTIVE_CONTENT" });
  });

  it("an embedded file is refused", async () => {
    const bytes = await build(async (doc) => {
      await doc.attach(Buffer.from("MZ not a program"), "tool.exe", { mimeType: "application/octet-stream" });
    });
    expect(await pdfHazards(bytes)).toMatchObject({ code: "PDF_ACTIVE_CONTENT", what: "tệp đính kèm ẩn" });
  });

  it("names written with #xx escapes, lower-case hex too, are read as the names they spell", async () => {
    const doc = await build(() => {}, false);
    const at = doc.lastIndexOf("\nxref") + 1;
    const escaped = Buffer.concat([
      doc.subarray(0, at),
      Buffer.from("90 0 obj << /S /#4aava#53cript /J#53 (app.alert(1)) >> endobj\n"),
      doc.subarray(at),
    ]);
    expect(await pdfHazards(escaped)).toMatchObject({ code: "PDF_ACTIVE_CONTENT" });
  });

  it("the words inside a page's content or an image are not active content (no byte search)", async () => {
    const bytes = await build((doc) => {
      const data = Buffer.from("BT /F1 12 Tf (/JavaScript /JS /Launch /OpenAction) Tj ET");
      doc.context.register(doc.context.stream(data, { Length: data.length }));
    }, false);
    expect(bytes.includes("/JavaScript")).toBe(true);
    expect(await pdfHazards(bytes)).toBeNull();
  });

  it("an encrypted PDF (Encrypt in the trailer or the cross-reference stream) is refused", async () => {
    for (const useObjectStreams of [false, true]) {
      const bytes = await build((doc) => {
        const filter = doc.context.register(
          doc.context.obj({
            Filter: "Standard",
            V: 1,
            R: 2,
            O: PDFString.of("x"),
            U: PDFString.of("y"),
            P: -4,
          }),
        );
        doc.context.trailerInfo.Encrypt = filter;
      }, useObjectStreams);
      expect(await pdfHazards(bytes)).toEqual({ code: "PDF_ENCRYPTED" });
    }
  });

  it("bytes that are not a PDF's structure are malformed", async () => {
    expect(await pdfHazards(Buffer.from("%PDF-1.7\n1 0 obj garbage\n%%EOF\n"))).toEqual({
      code: "PDF_MALFORMED",
    });
    const whole = await build();
    expect(await pdfHazards(whole.subarray(0, whole.length - 200))).toEqual({ code: "PDF_MALFORMED" });
  });
});

describe("the parse runs in a worker thread, bounded in time", () => {
  it("a PDF not parsed in time is refused as too complex, and the next one is checked as usual", async () => {
    const dir = await mkdtemp(join(tmpdir(), "motcua-pdf-check-"));
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3_000; i++) doc.addPage([200, 200]).drawText(`Trang ${i}`);
    await writeFile(join(dir, "many.pdf"), await doc.save());
    expect(await checkPdfOffThread(join(dir, "many.pdf"), 5)).toEqual({ code: "PDF_TOO_COMPLEX" });
    await writeFile(join(dir, "clean.pdf"), await build());
    expect(await checkPdfOffThread(join(dir, "clean.pdf"))).toBeNull();
    await closePdfChecks();
    await rm(dir, { recursive: true, force: true });
  }, 30_000);
});
