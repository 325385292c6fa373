import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

// An outside tester's uploads all failed as "interrupted": /tmp/motcua-quarantine, a fixed shared
// name, belonged to another user. Each process now quarantines in a folder of its own.

describe("quarantine", () => {
  it("works when the old shared /tmp/motcua-quarantine is someone else's, in a private folder", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "motcua-tmp-"));
    // Taken by something this process cannot write into (here: a file, not a folder).
    writeFileSync(join(tmp, "motcua-quarantine"), "not ours");
    process.env.TMPDIR = tmp;
    const { quarantine } = await import("../../src/casework/documents/quarantine.store.ts");
    const r = await quarantine(Readable.from([Buffer.from("%PDF-1.7 test")]), 1_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.size).toBe(13);
    expect(dirname(r.file.path).startsWith(join(tmp, "motcua-quarantine-"))).toBe(true);
    expect(statSync(dirname(r.file.path)).mode & 0o777).toBe(0o700);
    await r.file.release();
  });
});
