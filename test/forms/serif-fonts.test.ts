import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

// Decree 30/2020/NĐ-CP: Times New Roman. The forms embed Liberation Serif (its metric twin); poppler's
// pdffonts and pdftotext, outside motcua, say which face is embedded and read the Vietnamese back.

const hasPoppler = spawnSync("sh", ["-c", "command -v pdffonts && command -v pdftotext"]).status === 0;
if (!hasPoppler) console.warn("pdffonts/pdftotext not found (apt-get install poppler-utils): skipping");

const { db } = await freshDatabase();
const t = await testApp(db, "2026-03-09T08:30:00+07:00");
const dir = mkdtempSync(join(tmpdir(), "motcua-serif-"));
const APPLICANT = {
  kind: "individual",
  name: "Nguyễn Thị Hương Lưỡng",
  idNumber: "036185000321",
  address: "Phường Hoa Lư, tỉnh Ninh Bình",
  phone: "0987654321",
};

function poppler(tool: "pdffonts" | "pdftotext", name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(tool, tool === "pdftotext" ? ["-enc", "UTF-8", file, "-"] : [file], {
    encoding: "utf8",
  });
  expect(r.status, `${tool}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** pdffonts' rows as [name, embedded]; the name without its subset tag (ABCDEF+). */
function embeddedFonts(name: string, bytes: Buffer): { name: string; emb: string }[] {
  const rows = poppler("pdffonts", name, bytes).split("\n").slice(2).filter(Boolean);
  return rows.map((r) => {
    const cols = r.trim().split(/\s+/);
    // name type [encoding words] emb sub uni object ID: emb is the fifth column from the end.
    return { name: (cols[0] ?? "").replace(/^[A-Z]{6}\+/, ""), emb: cols[cols.length - 5] ?? "" };
  });
}

const text = (name: string, bytes: Buffer) => poppler("pdftotext", name, bytes).replace(/\s+/g, " ");

async function download(url: string, as = "desk"): Promise<Buffer> {
  const r = await t.app.inject({ method: "GET", url, headers: await t.as(as) });
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  return r.rawPayload;
}

describe.skipIf(!hasPoppler)("forms in Liberation Serif (Times New Roman metrics)", () => {
  it("form 01 embeds only Liberation Serif and its Vietnamese reads back NFC", async () => {
    const body = receptionBody(await firstComponent(db), APPLICANT);
    const r = await t.call("POST", "/api/v1/dossiers", { as: "desk", body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const pdf = await download(`/api/v1/dossiers/${r.body.code}/forms/01.pdf`);
    const fonts = embeddedFonts("form-01.pdf", pdf);
    expect(fonts.map((f) => f.name).sort()).toEqual([
      "LiberationSerif",
      "LiberationSerif-Bold",
      "LiberationSerif-Italic",
    ]);
    expect(fonts.every((f) => f.emb === "yes")).toBe(true);
    const s = text("form-01.pdf", pdf);
    expect(s).toBe(s.normalize("NFC"));
    for (const line of [
      "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Nguyễn Thị Hương Lưỡng",
      "Phường Hoa Lư, tỉnh Ninh Bình",
      "Thành phần hồ sơ nộp:",
      "Thời gian trả kết quả",
      "NGƯỜI TIẾP NHẬN",
      "(Ký, ghi rõ họ tên)",
    ])
      expect(s).toContain(line);
  });

  it("the signed electronic result embeds Liberation Serif and reads back NFC", async () => {
    const r = await t.call("POST", "/api/v1/dossiers", {
      as: "desk",
      body: receptionBody(await firstComponent(db), APPLICANT),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const code = r.body.code as string;
    for (const [as, action] of [
      ["desk", { type: "forward" }],
      ["specialist", { type: "forward" }],
      ["head", { type: "forward" }],
      ["leader", { type: "approve" }],
      ["clerk", { type: "issue-result", resultCodes: [] }],
    ] as const) {
      const a = await t.call("POST", `/api/v1/dossiers/${code}/actions`, { as, body: action });
      expect(a.status, `${as} ${JSON.stringify(a.body)}`).toBe(200);
    }
    const files = await t.call("GET", `/api/v1/dossiers/${code}/files`, { as: "desk" });
    const result = files.body.items.find((f: { kind: string }) => f.kind === "result");
    expect(result, JSON.stringify(files.body)).toBeDefined();
    const pdf = await download(new URL(result.url).pathname + new URL(result.url).search);
    const fonts = embeddedFonts("result.pdf", pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => /^LiberationSerif(-Bold|-Italic)?$/.test(f.name) && f.emb === "yes")).toBe(
      true,
    );
    const s = text("result.pdf", pdf);
    expect(s).toBe(s.normalize("NFC"));
    expect(s).toContain("Nguyễn Thị Hương Lưỡng");
    expect(s).toContain("Kiểm tra tính xác thực");
    expect(s).toContain("Văn bản được ký số; bản in chỉ có giá trị khi kiểm tra khớp với bản điện tử.");
  });
});
