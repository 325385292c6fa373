import { describe, expect, it } from "vitest";
import { decodeDueCursor, encodeDueCursor } from "../../src/casework/dossiers/due-cursor.ts";

describe("inbox keyset cursor", () => {
  it("keeps PostgreSQL's microseconds exactly", () => {
    // 2026-03-09T01:00:00.123456Z
    const us = String(Date.parse("2026-03-09T01:00:00.123Z") * 1000 + 456);
    expect(decodeDueCursor(encodeDueCursor(us, 42))).toEqual({
      due: "2026-03-09T01:00:00.123456Z",
      id: "42",
    });
    expect(decodeDueCursor(encodeDueCursor(String(Date.parse("2026-03-09T01:00:00Z") * 1000), 1))?.due).toBe(
      "2026-03-09T01:00:00.000000Z",
    );
  });

  it("undated rows and malformed cursors", () => {
    expect(decodeDueCursor(encodeDueCursor(null, 7))).toEqual({ due: null, id: "7" });
    expect(decodeDueCursor("abc:1")).toBeNull();
    expect(decodeDueCursor("1:2:3")).toBeNull();
  });
});
