import Fastify, { type FastifyInstance } from "fastify";

/**
 * A minimal S3-compatible object store (PUT, GET, HEAD by path-style key), for tests and demos of
 * the S3 file store. It does not check signatures: it stands in for MinIO, not for AWS security.
 */
export function createS3Standin(): { app: FastifyInstance; objects: Map<string, Buffer> } {
  const app = Fastify({ logger: false, bodyLimit: 100 * 1_048_576 });
  const objects = new Map<string, Buffer>();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  const keyOf = (url: string) => decodeURIComponent(url.split("?")[0] ?? "");
  app.put("/*", async (req, reply) => {
    objects.set(keyOf(req.url), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    return reply.header("etag", '"standin"').send();
  });
  app.head("/*", async (req, reply) => reply.status(objects.has(keyOf(req.url)) ? 200 : 404).send());
  app.get("/*", async (req, reply) => {
    const o = objects.get(keyOf(req.url));
    if (!o) {
      return reply
        .status(404)
        .type("application/xml")
        .send('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>Not found</Message></Error>');
    }
    return reply.type("application/octet-stream").send(o);
  });
  return { app, objects };
}
