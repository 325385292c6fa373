import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { afterAll, describe, expect, it } from "vitest";
import { OcrReader, ocrPending } from "../../src/casework/documents/ocr.worker.ts";
import { LocalFileStore } from "../../src/kernel/files/file-store.store.ts";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const files = new LocalFileStore(mkdtempSync(join(tmpdir(), "motcua-ocr-")));
const t = await testApp(db, "2026-03-09T08:00:00+07:00", { files });
const reader = new OcrReader();
afterAll(() => reader.close());

/** A scanned line of Vietnamese, drawn with DejaVu (what a desk scanner would produce, cleanly). */
function scanOf(text: string): Buffer {
  const require = createRequire(import.meta.url);
  GlobalFonts.registerFromPath(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), "DejaVu");
  const canvas = createCanvas(1400, 200);
  const g = canvas.getContext("2d");
  g.fillStyle = "white";
  g.fillRect(0, 0, 1400, 200);
  g.fillStyle = "black";
  g.font = "52px DejaVu";
  g.fillText(text, 30, 115);
  return canvas.toBuffer("image/png");
}

describe("OCR of scans (worker, Vietnamese)", () => {
  it("reads the text of an uploaded scan after reception, for search", async () => {
    const p = syntheticPerson(500);
    const component = await firstComponent(db);
    const d = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(component, { kind: "individual", name: p.name, idNumber: p.idNumber }),
    });
    const up = await t.app.inject({
      method: "POST",
      url: `/api/v1/dossiers/${d.body.code}/files?name=khai-sinh.png`,
      headers: { ...(await t.as("desk")), "content-type": "image/png" },
      payload: scanOf("GIẤY KHAI SINH Nguyễn Văn An"),
    });
    expect(up.statusCode, up.body).toBe(201);
    // Reception did not wait for it: the text comes from the worker's pass.
    const before = await t.call("GET", `/api/v1/dossiers/${d.body.code}/files`, { as: "desk" });
    expect(before.body.items[0].ocrText).toBeNull();
    expect(await ocrPending(db, files, reader)).toBe(1);
    expect(await ocrPending(db, files, reader)).toBe(0);
    const after = await t.call("GET", `/api/v1/dossiers/${d.body.code}/files`, { as: "desk" });
    expect(after.body.items[0].ocrText).toContain("KHAI SINH");
    expect(after.body.items[0].ocrText).toContain("Nguyễn");
  }, 60_000);
});
