import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// A folder of this process's own (mkdtemp, mode 0700): a fixed shared name in /tmp could belong to
// another user (another service, an earlier run as root) and then refused every upload.
let ownDir: Promise<string> | null = null;
const quarantineDir = () => {
  ownDir ??= mkdtemp(join(tmpdir(), "motcua-quarantine-"));
  return ownDir;
};
const HEAD_BYTES = 64 * 1024;

/** An upload written aside, hashed on the way; removed by release() whatever the outcome. */
export interface Quarantined {
  path: string;
  size: number;
  sha256: string;
  /** The file's first bytes, enough to read its type. */
  head: Buffer;
  /** All of it, for the few checks that need it (a zip's directory); bounded by the size limit. */
  readAll(): Promise<Buffer>;
  release(): Promise<void>;
}

class TooLarge extends Error {}

/**
 * Streams a request body to a temporary file chunk by chunk: memory stays at a few chunks
 * whatever the size, and a body over maxBytes is cut off as soon as it passes the limit.
 */
export async function quarantine(
  body: Readable,
  maxBytes: number,
): Promise<{ ok: true; file: Quarantined } | { ok: false; reason: "too-large" | "interrupted" }> {
  const path = join(await quarantineDir(), randomUUID());
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new TooLarge());
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      done(null, chunk);
    },
  });
  const release = () => rm(path, { force: true });
  // The request is piped, not part of the pipeline: on an error the pipeline would destroy it,
  // and with it the socket the refusal must be sent on. Past the limit the rest is discarded.
  const fail = (e: Error) => count.destroy(e);
  const aborted = () => fail(new Error("aborted"));
  body.once("error", fail).once("aborted", aborted);
  body.pipe(count);
  try {
    await pipeline(count, createWriteStream(path));
  } catch (e) {
    body.unpipe(count);
    body.resume();
    await release();
    return { ok: false, reason: e instanceof TooLarge ? "too-large" : "interrupted" };
  } finally {
    body.off("error", fail).off("aborted", aborted);
  }
  return {
    ok: true,
    file: {
      path,
      size,
      sha256: hash.digest("hex"),
      head: Buffer.concat(head),
      readAll: () => readFile(path),
      release,
    },
  };
}
