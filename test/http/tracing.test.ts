import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signIn } from "../../bench/workload/load.client.ts";
import { freshDatabase } from "../support/database.ts";
import { freePort, processEnv, startMotcua, stop } from "../support/processes.ts";

// A tiny OTLP/HTTP receiver (JSON, as motcua sends it) stands in for the collector.
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string } }[];
}
interface Batch {
  resource: { attributes: { key: string; value: { stringValue?: string } }[] };
  scopeSpans: { spans: Span[] }[];
}
const batches: Batch[] = [];
const receiver: Server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    if (req.url === "/v1/traces") batches.push(...(JSON.parse(body).resourceSpans as Batch[]));
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const otlp = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;

const { url } = await freshDatabase();
const dir = mkdtempSync(join(tmpdir(), "motcua-tracing-"));
chmodSync(dir, 0o755);
const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => stop(c)));
  receiver.close();
  await rm(dir, { recursive: true, force: true });
});

const attr = (s: Span, key: string) => s.attributes.find((a) => a.key === key)?.value.stringValue;
const spans = () => batches.flatMap((b) => b.scopeSpans.flatMap((s) => s.spans));

describe("OpenTelemetry traces with OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("sends the HTTP route's span and its pg queries in one trace, named by OTEL_SERVICE_NAME", async () => {
    const port = await freePort();
    const child = await startMotcua(
      ["serve"],
      processEnv(url, dir, "http://127.0.0.1:9", {
        PORT: String(port),
        MOTCUA_WORKERS: "off",
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
        OTEL_SERVICE_NAME: "motcua-test",
        OTEL_BSP_SCHEDULE_DELAY: "100",
      }),
    );
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    const auth = await signIn(base, "desk");
    expect((await fetch(`${base}/api/v1/inbox`, { headers: auth })).status).toBe(200);

    const end = Date.now() + 15_000;
    let route: Span | undefined;
    let queries: Span[] = [];
    while (Date.now() < end) {
      // SERVER spans (kind 2) carry the route pattern, not the raw URL.
      route = spans().find((s) => s.kind === 2 && attr(s, "http.route") === "/api/v1/inbox");
      queries = route
        ? spans().filter((s) => s.traceId === route?.traceId && attr(s, "db.system.name") === "postgresql")
        : [];
      if (queries.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(route?.name).toBe("GET /api/v1/inbox");
    expect(queries.length).toBeGreaterThan(0);
    const service = batches.flatMap((b) => b.resource.attributes).find((a) => a.key === "service.name")
      ?.value.stringValue;
    expect(service).toBe("motcua-test");
    // Probes are not traced: they would bury the requests worth tracing.
    expect(spans().some((s) => attr(s, "http.route")?.startsWith("/health"))).toBe(false);
  }, 90_000);
});
