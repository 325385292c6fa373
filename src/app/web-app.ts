import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` (and `npm start`, when stale) writes the web app. */
export const WEB_DIST = resolve(fileURLToPath(import.meta.url), "../../../web/dist");

// Paths the single-page app never owns: a miss there is an API-style 404, not the app shell.
const NOT_APP = /^\/(api|docs|files|verify)(\/|$)/;
// A missing asset stays a 404; app routes may hold dots (procedure codes such as 1.000894).
const STATIC_FILE = /\.(js|mjs|css|map|png|jpe?g|svg|ico|webp|woff2?|json|txt|webmanifest)$/i;

/**
 * Serves the built web app: hashed assets cached for a year, the shell never cached, and any
 * other browser navigation (e.g. /ho-so/ABC) answered with the shell so the client router takes it.
 */
export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<boolean> {
  if (!existsSync(join(dist, "index.html"))) {
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          '<!doctype html><meta charset="utf-8"><title>motcua</title><p>Ứng dụng web chưa được build: chạy <code>npm run build:web</code>. API: <a href="/docs">/docs</a>.</p>',
        ),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: true,
    cacheControl: false,
    // @fastify/static 9 (Node 20; 10 needs Node 22) hands setHeaders the raw response, not the reply.
    setHeaders: (res, path) => {
      res.setHeader(
        "cache-control",
        path.startsWith(join(dist, "assets")) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  return true;
}

/** The 404 handler asks this first: a browser navigation to an app route gets the shell. */
export function isAppNavigation(req: FastifyRequest): boolean {
  const path = req.url.split("?")[0] ?? "/";
  return (
    req.method === "GET" &&
    !NOT_APP.test(path) &&
    !STATIC_FILE.test(path) &&
    (req.headers.accept ?? "").includes("text/html")
  );
}

export function sendAppShell(reply: FastifyReply) {
  return reply.header("cache-control", "no-cache").sendFile("index.html");
}
