// Document figures: results signed per second and upload throughput (sniff + checks + hash + store),
// beside bare baselines in the same run (a raw RSA signature; hashing and writing the same bytes).

import { createHash, createSign, generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import QRCode from "qrcode";
import { checkUpload, DEFAULT_KINDS } from "../src/casework/documents/file-checks.ts";
import { signPdf } from "../src/casework/documents/pades.ts";
import { createDemoCa, issueAgencyCredential } from "../src/casework/documents/pki.ts";
import { renderResult } from "../src/casework/documents/result-document.ts";
import { p12Signer } from "../src/casework/documents/software.signer.ts";
import { loadFonts } from "../src/casework/forms/fonts.loader.ts";
import { LocalFileStore } from "../src/kernel/files/file-store.store.ts";
import { record } from "./record.ts";

export async function documentFigures(log: (s: string) => void): Promise<void> {
  const ca = createDemoCa();
  const signer = p12Signer(issueAgencyCredential(ca, { code: "DEMO.37.STP", name: "Sở Tư pháp" }));
  const facts = {
    agencyName: "Sở Tư pháp tỉnh Ninh Bình",
    documentNumber: "1/2026/KQ-STP",
    issuedOn: "ngày 28/11/2026",
    title: "Giấy chứng nhận kết hôn",
    resultCode: "KQ.G15.000032",
    dossierCode: "DEMO.37.TTPVHCC-261128-0001",
    procedureName: "Thủ tục đăng ký kết hôn",
    applicantName: "Nguyễn Văn An",
    applicantId: "035085000123",
    content: "Chứng nhận việc kết hôn theo hồ sơ nêu trên.",
    signerTitle: "Cơ quan ban hành (ký số)",
    signerName: "",
    place: "Ninh Bình",
    verifyUrl: "http://localhost:3000/verify/00000000-0000-0000-0000-000000000000",
  };
  const fonts = loadFonts();
  const n = 60;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const qr = await QRCode.toBuffer(`${facts.verifyUrl}${i}`, {
      margin: 1,
      width: 180,
      errorCorrectionLevel: "M",
    });
    const pdf = await renderResult(fonts, { ...facts, documentNumber: `${i + 1}/2026/KQ-STP` }, qr);
    await signPdf(pdf, signer, {
      reason: "bench",
      name: "Sở Tư pháp",
      location: "Việt Nam",
      signingTime: new Date(),
    });
  }
  const signRate = n / ((performance.now() - t0) / 1000);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const r0 = performance.now();
  for (let i = 0; i < n; i++) createSign("sha256").update(`result ${i}`).sign(privateKey);
  const bareSign = n / ((performance.now() - r0) / 1000);

  // Uploads: a 2 MB scanned PDF, checked and stored content-addressed on local disk.
  const dir = await mkdtemp(join(tmpdir(), "motcua-bench-files-"));
  const doc = await PDFDocument.create();
  for (let p = 0; p < 4; p++) doc.addPage([595, 842]).drawText(`Trang ${p + 1}`, { x: 50, y: 780 });
  const base = Buffer.from(await doc.save({ useObjectStreams: false }));
  const padding = Buffer.alloc(2 * 1_048_576 - base.length, 0x20);
  const at = base.lastIndexOf("%%EOF");
  const scan = Buffer.concat([
    base.subarray(0, at),
    Buffer.from("%"),
    padding,
    Buffer.from("\n"),
    base.subarray(at),
  ]);
  const store = new LocalFileStore(join(dir, "store"));
  const uploads = 100;
  const u0 = performance.now();
  for (let i = 0; i < uploads; i++) {
    const bytes = Buffer.from(scan);
    bytes.writeUInt32LE(i, 20); // a different file each time, so each is hashed and written
    const checked = checkUpload(bytes, "scan.pdf", {
      maxFileBytes: 20 * 1_048_576,
      maxDossierBytes: 1e12,
      dossierBytesSoFar: 0,
      allowed: DEFAULT_KINDS,
    });
    if (!checked.ok) throw new Error(checked.rejection.code);
    await PDFDocument.load(bytes, { updateMetadata: false });
    await store.put(bytes);
  }
  const uploadMBs = (uploads * scan.length) / 1_048_576 / ((performance.now() - u0) / 1000);
  const b0 = performance.now();
  for (let i = 0; i < uploads; i++) {
    const bytes = Buffer.from(scan);
    bytes.writeUInt32LE(i, 20);
    await writeFile(join(dir, `bare-${createHash("sha256").update(bytes).digest("hex")}`), bytes);
  }
  const bareMBs = (uploads * scan.length) / 1_048_576 / ((performance.now() - b0) / 1000);
  await rm(dir, { recursive: true, force: true });

  record({
    name: "electronic results rendered and signed",
    value: Number(signRate.toFixed(1)),
    unit: "1/s/core",
    goal: "",
    baseline: Math.round(bareSign),
    met: null,
  });
  record({
    name: "upload of a 2 MB PDF",
    value: Math.round(uploadMBs),
    unit: "MB/s",
    goal: "",
    baseline: Math.round(bareMBs),
    met: null,
  });
  log("## Documents");
  log("");
  log("| what | value | ratio |");
  log("|---|---:|---:|");
  log(
    `| electronic results rendered (pdfkit, QR) and PAdES-signed, one core | ${signRate.toFixed(1)}/s | ${(signRate / bareSign).toFixed(2)} of bare |`,
  );
  log(`| bare: RSA-2048 SHA-256 signature of a short message (node:crypto) | ${bareSign.toFixed(0)}/s | |`);
  log(
    `| uploads of a 2 MB PDF: sniff, hazards, pdf-lib parse, SHA-256, content-addressed write | ${uploadMBs.toFixed(0)} MB/s | ${(uploadMBs / bareMBs).toFixed(2)} of bare |`,
  );
  log(`| bare: SHA-256 and write the same bytes | ${bareMBs.toFixed(0)} MB/s | |`);
  log("");
}
