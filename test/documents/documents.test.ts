import { type AddressInfo, createServer } from "node:net";
import { deflateRawSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { clamdScanner } from "../../src/casework/documents/clamd.client.ts";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { DEMO_PROCEDURE } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
const components = (
  await db
    .selectFrom("procedure")
    .select("components")
    .where("code", "=", DEMO_PROCEDURE)
    .executeTakeFirstOrThrow()
).components.map((c) => c.name.normalize("NFC")); // the API takes text as NFC (e5bfa67)
const citizen = syntheticPerson(300);

async function receive(
  person = citizen,
  comps: Record<string, unknown>[] = [{ name: components[0] }, { name: components[1] }],
) {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: {
      procedureCode: DEMO_PROCEDURE,
      channel: 1,
      applicant: { kind: "individual", name: person.name, idNumber: person.idNumber },
      submission: { by: "applicant" },
      components: comps,
      outcome: "accept",
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { code: string; pin: string };
}

async function upload(code: string, name: string, bytes: Buffer, component = "") {
  const r = await t.app.inject({
    method: "POST",
    url: `/api/v1/dossiers/${code}/files?name=${encodeURIComponent(name)}&component=${encodeURIComponent(component)}`,
    headers: { ...(await t.as("desk")), "content-type": "application/octet-stream" },
    payload: bytes,
  });
  return { status: r.statusCode, body: r.json() };
}

const png = (text: string) => QRCode.toBuffer(text, { width: 200 });
async function pdf(extra = ""): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
  if (!extra) return bytes;
  // Into the body, where a parser reads objects (after the last one, before the xref table).
  const at = bytes.lastIndexOf("\nxref") + 1;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(extra), bytes.subarray(at)]);
}

/** A PDF whose trailer names an encryption dictionary (the standard security handler). */
async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  doc.context.trailerInfo.Encrypt = doc.context.register(
    doc.context.obj({ Filter: "Standard", V: 1, R: 2, P: -4 }),
  );
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A zip whose one entry inflates to 50 MB of zeros: ~50 KB on the wire. */
function zipBomb(): Buffer {
  const data = deflateRawSync(Buffer.alloc(50 * 1_048_576));
  const name = Buffer.from("a.txt");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(50 * 1_048_576, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(50 * 1_048_576, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

const PATH: [string, Record<string, unknown>][] = [
  ["desk", { type: "forward" }],
  ["specialist", { type: "forward" }],
  ["head", { type: "forward" }],
  ["leader", { type: "approve" }],
  ["clerk", { type: "issue-result", resultCodes: [] }],
];

let issuedResult: { documentId: string; fileId: string } | null = null;

describe("digitisation at the desk", () => {
  it("a paper dossier digitised at the desk has every component flagged, page images combined into one PDF", async () => {
    const d = await receive();
    const page1 = await upload(d.code, "trang-1.png", await png("trang 1"), components[0]);
    const page2 = await upload(d.code, "trang-2.png", await png("trang 2"), components[0]);
    const scan = await upload(d.code, "giay-to.pdf", await pdf(), components[1]);
    for (const u of [page1, page2, scan]) expect(u.status, JSON.stringify(u.body)).toBe(201);
    for (const [component, fileIds] of [
      [components[0], [page1.body.fileId, page2.body.fileId]],
      [components[1], [scan.body.fileId]],
    ] as const) {
      const r = await t.call("POST", `/api/v1/dossiers/${d.code}/actions`, {
        as: "desk",
        body: { type: "digitise", component, fileIds },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const row = await db
      .selectFrom("dossier")
      .select("components")
      .where("code", "=", d.code)
      .executeTakeFirstOrThrow();
    expect(row.components.every((c) => c.digitised === true && (c.fileIds?.length ?? 0) === 1)).toBe(true);
    const combined = await db
      .selectFrom("stored_file")
      .select(["mime", "source"])
      .where("id", "=", row.components[0]?.fileIds?.[0] as string)
      .executeTakeFirstOrThrow();
    expect(combined).toEqual({ mime: "application/pdf", source: "digitised" });
    const onFile = await t.call("GET", `/api/v1/citizens/${citizen.idNumber}/documents`, { as: "desk" });
    expect(onFile.body.items.filter((i: { kind: string }) => i.kind === "digitised")).toHaveLength(2);
    const listed = await t.call("GET", `/api/v1/dossiers/${d.code}/files`, { as: "desk" });
    const pages = listed.body.items.filter(
      (f: { component: string; kind: string }) => f.component === components[0] && f.kind === "submitted",
    );
    expect(pages.map((f: { version: number }) => f.version)).toEqual([1, 2, 3]);
    expect(
      pages.every(
        (f: { uploadedBy: number | null; sha256: string }) => f.uploadedBy !== null && f.sha256.length === 64,
      ),
    ).toBe(true);

    for (const [as, body] of PATH) {
      const r = await t.call("POST", `/api/v1/dossiers/${d.code}/actions`, { as, body });
      expect(r.status, `${as} ${JSON.stringify(r.body)}`).toBe(200);
    }
    const entry = await db
      .selectFrom("dossier_action as a")
      .innerJoin("dossier as x", "x.id", "a.dossier_id")
      .select(["a.payload"])
      .where("x.code", "=", d.code)
      .where("a.type", "=", "issue-result")
      .executeTakeFirstOrThrow();
    issuedResult = entry.payload as { documentId: string; fileId: string };
    expect(String(entry.payload.documentNumber)).toMatch(/^1\/2026\/KQ-/);
  });
});

describe("reuse and verification", () => {
  it("a second dossier by the same citizen reuses the earlier result by its result code, without upload", async () => {
    const onFile = await t.call("GET", `/api/v1/citizens/${citizen.idNumber}/documents`, { as: "desk" });
    const result = onFile.body.items.find((i: { kind: string }) => i.kind === "result");
    expect(result).toMatchObject({ signed: true });
    expect(result.resultCode).toMatch(/^KQ\./);
    const d = await receive(citizen, [{ name: components[0], form: "reuse", documentId: result.id }]);
    const row = await db
      .selectFrom("dossier")
      .select(["id", "components"])
      .where("code", "=", d.code)
      .executeTakeFirstOrThrow();
    expect(row.components[0]).toMatchObject({ reused: true, replacedResultCode: result.resultCode });
    const files = await db.selectFrom("stored_file").select("id").where("dossier_id", "=", row.id).execute();
    expect(files).toEqual([]);
    // Someone else cannot reuse it.
    const other = syntheticPerson(301);
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: {
        procedureCode: DEMO_PROCEDURE,
        channel: 1,
        applicant: { kind: "individual", name: other.name, idNumber: other.idNumber },
        submission: { by: "applicant" },
        components: [{ name: components[0], form: "reuse", documentId: result.id }],
        outcome: "accept",
      },
    });
    expect([r.status, r.body.error.code]).toEqual([409, "DOCUMENT_NOT_OWNED"]);
  });

  it("an issued result verifies as valid; a byte-modified copy verifies as invalid", async () => {
    const doc = await db
      .selectFrom("citizen_document")
      .select(["public_id", "sha256"])
      .where("id", "=", issuedResult?.documentId as string)
      .executeTakeFirstOrThrow();
    const v = await t.call("GET", `/api/v1/verify/${doc.public_id}`);
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body.signature.reason).toBeNull();
    expect(v.body).toMatchObject({ hashMatches: true, signature: { valid: true } });
    expect(v.body.owner).not.toContain(citizen.idNumber);
    const page = await t.app.inject({ method: "GET", url: `/verify/${doc.public_id}` });
    expect(page.statusCode).toBe(200);
    // Demo: right, but said plainly to carry no legal value.
    expect(page.body).toContain("ký bằng chứng thư thử nghiệm (demo): KHÔNG có giá trị pháp lý");
    expect(page.body).toMatch(/\d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    // Each signature is shown; the demo PKI's certificates are labelled as such.
    expect(page.body).toContain("Chữ ký 1");
    expect(page.body).toContain("CA thử nghiệm (demo), không có giá trị pháp lý");
    expect(v.body.report).toMatchObject({
      valid: true,
      signatures: [{ index: 0, integrity: "intact", coversWholeFile: true, chain: { status: "demo" } }],
    });
    // Demo: signed with the approving official's own (demo) certificate, not the agency's.
    const leader = await db
      .selectFrom("official")
      .select("full_name")
      .where("username", "=", "leader")
      .executeTakeFirstOrThrow();
    expect(v.body.report.signatures[0].signer.commonName).toContain(leader.full_name);
    expect((await t.app.inject({ method: "GET", url: "/verify/khong-co" })).statusCode).toBe(404);
    const _file = await db
      .selectFrom("stored_file")
      .select("sha256")
      .where("id", "=", issuedResult?.fileId as string)
      .executeTakeFirstOrThrow();
    const download = await t.call(
      "GET",
      `/api/v1/dossiers/${
        (
          await db
            .selectFrom("dossier")
            .select("code")
            .where(
              "id",
              "=",
              (
                await db
                  .selectFrom("stored_file")
                  .select("dossier_id")
                  .where("id", "=", issuedResult?.fileId as string)
                  .executeTakeFirstOrThrow()
              ).dossier_id as string,
            )
            .executeTakeFirstOrThrow()
        ).code
      }/files`,
      { as: "desk" },
    );
    const link = download.body.items.find((f: { id: string }) => f.id === issuedResult?.fileId).url as string;
    const got = await t.app.inject({ method: "GET", url: link.replace("http://127.0.0.1:3000", "") });
    expect(got.statusCode).toBe(200);
    const signed = got.rawPayload;
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/v1/verify",
      headers: { "content-type": "application/pdf" },
      payload: signed,
    });
    expect(ok.json()).toMatchObject({
      signature: { valid: true },
      report: { valid: true, signatures: [{ valid: true, chain: { status: "demo" } }] },
      issuedByThisSystem: { verifyId: doc.public_id },
    });
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf("/Type /Page") + 2;
    tampered[at] = tampered[at] === 0x54 ? 0x55 : 0x54;
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/verify",
      headers: { "content-type": "application/pdf" },
      payload: tampered,
    });
    expect(bad.json()).toMatchObject({
      signature: { valid: false },
      report: { valid: false, signatures: [{ integrity: "altered" }] },
      issuedByThisSystem: null,
    });
  });
});

describe("certified electronic copies", () => {
  it("a desk officer certifies a scanned original; the copy verifies and is on file for reuse", async () => {
    const d = await receive(syntheticPerson(302));
    const scan = await upload(
      d.code,
      "khai-sinh.jpg",
      Buffer.from(await png("khai sinh").then((b) => b)),
      components[0],
    );
    // The QR helper makes PNGs; name it as such.
    expect(scan.status).toBe(400);
    const ok = await upload(d.code, "khai-sinh.png", await png("khai sinh"), components[0]);
    const r = await t.call("POST", `/api/v1/dossiers/${d.code}/files/${ok.body.fileId}/certify`, {
      as: "desk",
      body: { title: "Giấy khai sinh", resultCode: "KQ.G15.000001" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const v = await t.call("GET", `/api/v1/verify/${r.body.publicId}`);
    expect(v.body).toMatchObject({ kind: "certified-copy", hashMatches: true, signature: { valid: true } });
    const onFile = await t.call("GET", `/api/v1/citizens/${syntheticPerson(302).idNumber}/documents`, {
      as: "desk",
    });
    expect(onFile.body.items.find((i: { kind: string }) => i.kind === "certified-copy")).toMatchObject({
      resultCode: "KQ.G15.000001",
      signed: true,
    });
    const specialist = await t.call("POST", `/api/v1/dossiers/${d.code}/files/${ok.body.fileId}/certify`, {
      as: "specialist",
      body: { title: "Giấy khai sinh" },
    });
    expect(specialist.status).toBe(403);
  });
});

describe("upload safety", () => {
  it("rejects wrong magic bytes, a PDF with JavaScript, an encrypted PDF, an oversize file and a zip bomb named .pdf; nothing is stored", async () => {
    const d = await receive();
    const before = await db
      .selectFrom("stored_file")
      .select((e) => e.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const cases: [string, Buffer, number, string][] = [
      ["to-khai.pdf", Buffer.from("MZ\x90\x00 this is a Windows program"), 400, "FILE_TYPE_UNKNOWN"],
      [
        "to-khai.pdf",
        await pdf("90 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n"),
        400,
        "PDF_ACTIVE_CONTENT",
      ],
      ["to-khai.pdf", await pdf("9 0 obj << /J#61vaScript (x) >> endobj\n"), 400, "PDF_ACTIVE_CONTENT"],
      ["to-khai.pdf", await encryptedPdf(), 400, "PDF_ENCRYPTED"],
      ["to-khai.pdf", Buffer.concat([await pdf(), Buffer.alloc(21 * 1_048_576)]), 413, "FILE_TOO_LARGE"],
      ["to-khai.pdf", zipBomb(), 400, "ZIP_BOMB"],
      ["anh.jpg", await png("not a jpeg"), 400, "FILE_NAME_MISMATCH"],
      ["hong.pdf", Buffer.from("%PDF-1.7\n1 0 obj garbage\n%%EOF\n"), 400, "PDF_MALFORMED"],
    ];
    for (const [name, bytes, status, code] of cases) {
      const r = await upload(d.code, name, bytes);
      expect([r.status, r.body.error?.code], `${code}: ${JSON.stringify(r.body)}`).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/);
    }
    const after = await db
      .selectFrom("stored_file")
      .select((e) => e.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  }, 120_000); // several PDFs parsed and a zip bomb inflated: slow when test:full loads the cores
});

describe("virus scanner hook (clamd INSTREAM)", () => {
  it("a file the scanner flags is refused and not stored; a clean one passes", async () => {
    // A clamd stand-in: reads the chunked stream and answers like clamd.
    const fake = createServer((socket) => {
      let data = Buffer.alloc(0);
      socket.on("data", (c) => {
        data = Buffer.concat([data, c]);
        if (data.subarray(-4).equals(Buffer.alloc(4))) {
          socket.end(
            data.includes("EICAR-STANDARD-ANTIVIRUS-TEST-FILE")
              ? "stream: Eicar-Test-Signature FOUND\0"
              : "stream: OK\0",
          );
        }
      });
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", () => r()));
    const port = (fake.address() as AddressInfo).port;
    const scanned = await testApp(db, "2026-03-09T08:00:00+07:00", {
      virusScan: clamdScanner("127.0.0.1", port),
    });
    const d = await receive(syntheticPerson(303));
    const send = async (bytes: Buffer) =>
      scanned.app.inject({
        method: "POST",
        url: `/api/v1/dossiers/${d.code}/files?name=scan.pdf`,
        headers: { ...(await scanned.as("desk")), "content-type": "application/pdf" },
        payload: bytes,
      });
    const infected = await send(
      await pdf("% X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n"),
    );
    expect([infected.statusCode, infected.json().error.code]).toEqual([400, "VIRUS_FOUND"]);
    const clean = await send(await pdf());
    expect(clean.statusCode).toBe(201);
    fake.close();
  });
});
