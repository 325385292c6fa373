import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { FileStore } from "./file-store.store.ts";

export interface S3Config {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (bucket in the path): MinIO, Ceph and most S3-compatible stores want it. */
  forcePathStyle: boolean;
}

/** The same content-addressed store on any S3-compatible service (@aws-sdk/client-s3). */
export class S3FileStore implements FileStore {
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Checksums only where the operation requires them: many S3-compatible stores lack the rest.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private key(sha256: string) {
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(bytes: Buffer) {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await this.upload(sha256, bytes.length, () => bytes);
    return { sha256, size: bytes.length };
  }

  async putFile(path: string, sha256: string, size: number) {
    await this.upload(sha256, size, () => createReadStream(path));
  }

  private async upload(sha256: string, size: number, body: () => Buffer | Readable) {
    const exists = await this.client
      .send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }))
      .then(
        () => true,
        (e: { $metadata?: { httpStatusCode?: number } }) => {
          if (e.$metadata?.httpStatusCode === 404) return false;
          throw e;
        },
      );
    if (!exists) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: this.key(sha256),
          Body: body(),
          ContentLength: size,
        }),
      );
    }
  }

  async get(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }),
      );
      const bytes = Buffer.from((await r.Body?.transformToByteArray()) ?? []);
      // Content addressing makes the store self-checking: a changed object is not returned.
      return createHash("sha256").update(bytes).digest("hex") === sha256 ? bytes : null;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw e;
    }
  }

  async delete(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
  }
}
