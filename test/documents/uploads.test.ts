import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:00:00+07:00");
await t.app.listen({ host: "127.0.0.1", port: 0 });
const port = (t.app.server.address() as AddressInfo).port;
const MB = 1_048_576;

const component = await firstComponent(db);
let person = 400;
async function receive() {
  const p = syntheticPerson(person++);
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: receptionBody(component, { kind: "individual", name: p.name, idNumber: p.idNumber }),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.code as string;
}

/** A real HTTP request; `chunked` sends the body without a length, in 1 MB pieces. */
function post(path: string, body: Buffer, headers: Record<string, string>, chunked = false) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/octet-stream",
          ...(chunked ? {} : { "content-length": String(body.length) }),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c) => parts.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString(),
            ms: performance.now() - t0,
          }),
        );
      },
    );
    req.on("error", reject);
    for (let at = 0; at < body.length; at += MB) req.write(body.subarray(at, at + MB));
    req.end();
  });
}

function get(path: string) {
  return new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const t0 = performance.now();
    request({ host: "127.0.0.1", port, path }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    })
      .on("error", reject)
      .end();
  });
}

/**
 * Runs `work` while asking for /api/v1/health every 25 ms and sampling the process's memory:
 * the slowest health answer, and how far memory rose above where it started.
 */
async function whileServing<T>(work: () => Promise<T>) {
  global.gc?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed + start.arrayBuffers;
  let slowest = 0;
  let answered = 0;
  let done = false;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  }, 10);
  const health = (async () => {
    while (!done) {
      const h = await get("/api/v1/health");
      expect(h.status).toBe(200);
      slowest = Math.max(slowest, h.ms);
      answered++;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  done = true;
  await health;
  clearInterval(sampler);
  const figures = {
    ms: Math.round(ms),
    healthSlowestMs: Math.round(slowest),
    healthAnswers: answered,
    rssGrowthMb: Math.round((peakRss - start.rss) / MB),
    heapAndBuffersGrowthMb: Math.round((peakHeap - start.heapUsed - start.arrayBuffers) / MB),
  };
  console.log(JSON.stringify(figures));
  return { result, ...figures };
}

/** A valid PDF of about `size` bytes: one page and an unreferenced stream of random bytes. */
async function bigPdf(size: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const data = randomBytes(size);
  doc.context.register(doc.context.stream(data, { Length: data.length }));
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

afterAll(() => t.app.close());

describe("uploads stream to quarantine and never stall the server", () => {
  it("a 25 MB upload is refused at once over HTTP while health keeps answering, memory barely moves", async () => {
    const code = await receive();
    const auth = await t.as("desk");
    const body = randomBytes(25 * MB);
    body.write("%PDF-1.7\n", 0, "latin1");
    const declared = await whileServing(() =>
      post(`/api/v1/dossiers/${code}/files?name=scan.pdf`, body, auth),
    );
    expect(declared.result.status, declared.result.body).toBe(413);
    expect(JSON.parse(declared.result.body).error.code).toBe("FILE_TOO_LARGE");
    // The same without a declared length: cut off while streaming, past 20 MB.
    const streamed = await whileServing(() =>
      post(`/api/v1/dossiers/${code}/files?name=scan.pdf`, body, auth, true),
    );
    expect(streamed.result.status, streamed.result.body).toBe(413);
    expect(JSON.parse(streamed.result.body).error.code).toBe("FILE_TOO_LARGE");
    for (const r of [declared, streamed]) {
      expect(r.ms).toBeLessThan(2_000);
      expect(r.healthAnswers).toBeGreaterThan(0);
      expect(r.healthSlowestMs).toBeLessThan(1_000);
      expect(r.heapAndBuffersGrowthMb).toBeLessThan(100);
    }
    const stored = await db.selectFrom("stored_file").select("id").where("name", "=", "scan.pdf").execute();
    expect(stored).toEqual([]);
  }, 60_000);

  it("an 18 MB PDF is parsed off the main thread and stored while health keeps answering", async () => {
    const code = await receive();
    const auth = await t.as("desk");
    const pdf = await bigPdf(18 * MB);
    const r = await whileServing(() => post(`/api/v1/dossiers/${code}/files?name=ban-quet.pdf`, pdf, auth));
    expect(r.result.status, r.result.body).toBe(201);
    expect(JSON.parse(r.result.body)).toMatchObject({ kind: "pdf", size: pdf.length });
    expect(r.healthAnswers).toBeGreaterThan(0);
    expect(r.healthSlowestMs).toBeLessThan(1_000);
    expect(r.heapAndBuffersGrowthMb).toBeLessThan(150);
  }, 60_000);

  it("a PDF whose JavaScript hides in a compressed object stream is refused through the API, nothing stored", async () => {
    const code = await receive();
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    doc.catalog.set(
      PDFName.of("OpenAction"),
      doc.context.register(doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") })),
    );
    const bytes = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(bytes.includes("/JavaScript")).toBe(false);
    const r = await post(`/api/v1/dossiers/${code}/files?name=to-khai.pdf`, bytes, await t.as("desk"));
    expect(r.status, r.body).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: "PDF_ACTIVE_CONTENT" });
    expect(JSON.parse(r.body).error.message).toMatch(/nội dung thực thi/);
  });
});

describe("a body that is not a file", () => {
  it("a JSON body or no body on the upload route is a 400 in Vietnamese, answered at once", async () => {
    const code = await receive();
    const headers = await t.as("desk");
    for (const extra of [
      { headers: { ...headers, "content-type": "application/json" }, payload: { a: 1 } },
      { headers: { ...headers, "content-type": "application/octet-stream" } },
    ]) {
      const r = await t.app.inject({
        method: "POST",
        url: `/api/v1/dossiers/${code}/files?name=a.pdf`,
        ...extra,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.code).toBe("FILE_EMPTY");
    }
  }, 10_000);
});

describe("file names through the API", () => {
  const upload = async (code: string, name: string) => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawText(name.length.toString());
    const bytes = Buffer.from(await doc.save());
    return t.app.inject({
      method: "POST",
      url: `/api/v1/dossiers/${code}/files?name=${encodeURIComponent(name)}`,
      headers: { ...(await t.as("desk")), "content-type": "application/pdf" },
      payload: bytes,
    });
  };

  it("the sanitised name is stored and offered on download with filename*=UTF-8 and an ASCII fallback", async () => {
    const code = await receive();
    const sent: [string, string][] = [
      ["../../etc/passwd.pdf", "passwd.pdf"],
      ["to\r\nkhai.pdf", "tokhai.pdf"],
      ["Tờ khai đăng ký.pdf".normalize("NFD"), "Tờ khai đăng ký.pdf".normalize("NFC")],
      ["..\\..\\Windows\\đơn.pdf", "đơn.pdf"],
    ];
    for (const [name, stored] of sent) {
      const r = await upload(code, name);
      expect(r.statusCode, r.body).toBe(201);
      const row = await db
        .selectFrom("stored_file")
        .select("name")
        .where("id", "=", r.json().fileId)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe(stored);
    }
    const listed = await t.call("GET", `/api/v1/dossiers/${code}/files`, { as: "desk" });
    const item = listed.body.items.find((f: { name: string }) => f.name.startsWith("Tờ"));
    const download = await t.app.inject({
      method: "GET",
      url: new URL(item.url).pathname + new URL(item.url).search,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="To khai dang ky.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai%20%C4%91%C4%83ng%20k%C3%BD.pdf`,
    );
  });

  it("a name made only of zero-width spaces, joiners, a BOM or dots and slashes is refused with a Vietnamese 400", async () => {
    const code = await receive();
    // Refused by the service whatever generic request guards do first.
    for (const name of ["\u200b\u200b\u200b", "\u200c\u200d\ufeff", "\u2060 \u200b"]) {
      const r = await upload(code, name);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.message).toMatch(/[ýếệộ]/);
    }
    // Visible characters, but nothing of a name once path parts and invisibles are gone.
    for (const name of ["../\u200b", "\u200b\u200d/..", "\ufeff\\ .", "\r\n/"]) {
      const r = await upload(code, name);
      expect(r.json().error.code, `${JSON.stringify(name)} ${r.body}`).toBe("FILE_NAME_INVALID");
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toMatch(/Tên tệp không hợp lệ/);
    }
  });
});
