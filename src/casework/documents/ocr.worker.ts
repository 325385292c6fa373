import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createWorker, type Worker } from "tesseract.js";
import type { Db } from "../../kernel/db/database.ts";
import type { FileStore } from "../../kernel/files/file-store.store.ts";

const require = createRequire(import.meta.url);

/**
 * Vietnamese OCR of scanned images (tesseract.js; the language data ships in an npm package, so
 * nothing is downloaded). One recogniser per process, made on first use.
 */
export class OcrReader {
  private worker: Promise<Worker> | null = null;

  private get(): Promise<Worker> {
    if (!this.worker) {
      const vie = require("@tesseract.js-data/vie") as { langPath: string };
      this.worker = createWorker("vie", 1, {
        langPath: vie.langPath,
        gzip: true,
        cachePath: join(tmpdir(), "motcua-tesseract"),
        logger: () => {},
        errorHandler: () => {},
      });
    }
    return this.worker;
  }

  async read(image: Buffer): Promise<string> {
    const r = await (await this.get()).recognize(image);
    return r.data.text.normalize("NFC").trim();
  }

  async close(): Promise<void> {
    if (this.worker) await (await this.worker).terminate();
    this.worker = null;
  }
}

/** Worker job: reads the text of scans not yet read; a file it cannot read is marked and skipped. */
export async function ocrPending(db: Db, files: FileStore, reader: OcrReader, limit = 10): Promise<number> {
  const rows = await sql<{ id: string; sha256: string }>`
    SELECT id::text AS id, sha256 FROM stored_file
    WHERE ocr_at IS NULL AND kind = 'submitted' AND mime IN ('image/jpeg', 'image/png', 'image/tiff')
    ORDER BY id LIMIT ${limit}`.execute(db);
  let done = 0;
  for (const f of rows.rows) {
    const bytes = await files.get(f.sha256);
    const text = bytes ? await reader.read(bytes).catch(() => "") : "";
    await db
      .updateTable("stored_file")
      .set({ ocr_text: text.slice(0, 100_000), ocr_at: new Date() })
      .where("id", "=", f.id)
      .execute();
    done++;
  }
  return done;
}
