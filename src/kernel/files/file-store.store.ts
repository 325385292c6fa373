import { createHash, randomUUID } from "node:crypto";
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Content-addressed storage: a file's name is the SHA-256 of its bytes, so it is stored once. */
export interface FileStore {
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** Stores a file already on disk (a checked upload) whose hash the caller computed, streaming. */
  putFile(path: string, sha256: string, size: number): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
  /** Removes the bytes (retention); the caller checks that no stored file still names them. */
  delete(sha256: string): Promise<void>;
}

/** The local file system (default). An S3-compatible store implements the same interface. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string) {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer) {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(path, ".."), { recursive: true });
      // Write aside, then rename: a crash never leaves a half file under the final name.
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    }
    return { sha256, size: bytes.length };
  }

  async putFile(from: string, sha256: string) {
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) return;
    await mkdir(join(path, ".."), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await copyFile(from, tmp);
    await rename(tmp, path);
  }

  async get(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    return readFile(this.pathOf(sha256)).catch(() => null);
  }

  async delete(sha256: string) {
    if (/^[0-9a-f]{64}$/.test(sha256)) await rm(this.pathOf(sha256), { force: true });
  }
}
