import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asciiFileName,
  contentDispositionOf,
  FILE_NAME_MAX,
  sanitizeFileName,
} from "../../src/kernel/files/file-name.ts";

describe("file names are made safe before they are stored or offered for download", () => {
  it("path parts are dropped, so ../ and Windows paths cannot climb out", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("..\\..\\Windows\\win.ini")).toBe("win.ini");
    expect(sanitizeFileName("C:\\Users\\An\\đơn đề nghị.pdf")).toBe("đơn đề nghị.pdf");
    expect(sanitizeFileName("to-khai.pdf/..")).toBe("to-khai.pdf");
    expect(sanitizeFileName("..")).toBeNull();
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
  });

  it("CR, LF, NUL and the other C0 and C1 controls are removed", () => {
    expect(sanitizeFileName("to\r\nkhai.pdf")).toBe("tokhai.pdf");
    expect(sanitizeFileName("a\u0000b\u0007c\u001b\u007f\u0085\u009f.pdf")).toBe("abc.pdf");
  });

  it("decomposed (NFD) Vietnamese is stored composed (NFC)", () => {
    const nfd = "Tờ khai đăng ký khai sinh.pdf".normalize("NFD");
    expect(nfd).not.toBe(nfd.normalize("NFC"));
    expect(sanitizeFileName(nfd)).toBe("Tờ khai đăng ký khai sinh.pdf".normalize("NFC"));
  });

  it("a name of only zero-width spaces, joiners, BOM or whitespace is refused", () => {
    for (const name of [
      "\u200b",
      "\u200b\u200b\u200b",
      "\u200c\u200d\u2060\ufeff",
      " \u00a0\u3000\t",
      "\u202e",
    ]) {
      expect(sanitizeFileName(name), JSON.stringify(name)).toBeNull();
    }
  });

  it("invisible and direction-changing characters inside a name are removed", () => {
    expect(sanitizeFileName("ho\u200bso.pdf")).toBe("hoso.pdf");
    expect(sanitizeFileName("anh\u202egnp.exe")).toBe("anhgnp.exe");
  });

  it("a long name is cut to 200 characters and keeps its extension", () => {
    const long = sanitizeFileName(`${"ả".repeat(300)}.pdf`);
    expect(Array.from(long ?? "")).toHaveLength(FILE_NAME_MAX);
    expect(long?.endsWith("ả.pdf")).toBe(true);
  });

  it("for any input: NFC, no separator, no control, stable when sanitised again", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => {
        const s = sanitizeFileName(raw);
        if (s === null) return;
        expect(s.length).toBeGreaterThan(0);
        expect(s).toBe(s.normalize("NFC"));
        expect(s).not.toMatch(/[/\\\p{Cc}]/u);
        expect(s.startsWith(".")).toBe(false);
        expect(Array.from(s).length).toBeLessThanOrEqual(FILE_NAME_MAX);
        expect(sanitizeFileName(s)).toBe(s);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it("Content-Disposition carries the UTF-8 name (RFC 5987) and an ASCII fallback", () => {
    expect(asciiFileName("Tờ khai đăng ký.pdf")).toBe("To khai dang ky.pdf");
    expect(contentDispositionOf("Tờ khai.pdf")).toBe(
      `attachment; filename="To khai.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai.pdf`,
    );
    expect(contentDispositionOf("to-khai.pdf")).toBe('attachment; filename="to-khai.pdf"');
    // A stored name from before sanitising still cannot split the header or climb a path.
    const header = contentDispositionOf('..\\a"b\r\nSet-Cookie: x=1.pdf');
    expect(header).not.toMatch(/[\r\n\\]/);
    expect(header).toBe('attachment; filename="a_bSet-Cookie_ x=1.pdf"');
  });
});
