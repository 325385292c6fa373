import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { S3FileStore } from "../../src/kernel/files/s3-store.store.ts";
import { createS3Standin } from "../../src/tools/standins/s3.standin.ts";
import { listen } from "../integrations/standins.ts";

const s3 = createS3Standin();
const endpoint = await listen(s3.app);
const store = new S3FileStore({
  endpoint,
  region: "ap-southeast-1",
  bucket: "motcua-files",
  accessKeyId: "test",
  secretAccessKey: "test-secret",
  forcePathStyle: true,
});

describe("S3-compatible file store", () => {
  it("stores by SHA-256 once, reads back, and refuses an object whose bytes no longer match", async () => {
    const bytes = Buffer.from("%PDF-1.4 bản quét\n%%EOF\n");
    const a = await store.put(bytes);
    const b = await store.put(bytes);
    expect(a).toEqual(b);
    expect(s3.objects.size).toBe(1);
    expect([...s3.objects.keys()][0]).toBe(
      `/motcua-files/${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`,
    );
    expect(await store.get(a.sha256)).toEqual(bytes);
    expect(await store.get("0".repeat(64))).toBeNull();
    const key = [...s3.objects.keys()][0] as string;
    s3.objects.set(key, Buffer.from("changed"));
    expect(await store.get(a.sha256)).toBeNull();
  });

  it("streams a checked upload from its quarantine file under the hash computed while it arrived", async () => {
    const dir = await mkdtemp(join(tmpdir(), "motcua-s3-put-"));
    const bytes = Buffer.alloc(3 * 1_048_576, "bản quét ");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await writeFile(join(dir, "upload"), bytes);
    await store.putFile(join(dir, "upload"), sha256, bytes.length);
    expect((await store.get(sha256))?.equals(bytes)).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
