import type { FastifyInstance } from "fastify";
import { afterAll } from "vitest";

/** Listens on a free loopback port; closed when the test file ends. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  afterAll(() => app.close());
  const addr = app.server.address();
  if (!addr || typeof addr === "string") throw new Error("no address");
  return `http://127.0.0.1:${addr.port}`;
}

export async function setFaults(base: string, faults: Record<string, unknown>) {
  const r = await fetch(`${base}/__admin/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  if (!r.ok) throw new Error(`faults: ${await r.text()}`);
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const quietLog = { info() {}, warn() {}, error() {} };
