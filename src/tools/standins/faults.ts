import type { FastifyInstance } from "fastify";
import { z } from "zod";

/** What can go wrong with a national system, set per stand-in by env or its admin endpoint. */
export const faultsSchema = z.object({
  latencyMs: z.number().min(0).max(60_000).default(0).describe("Added to every answer"),
  jitterMs: z.number().min(0).max(60_000).default(0).describe("Random extra latency, 0..jitterMs"),
  errorRate: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe("Share of calls answered HTTP 500 before any effect"),
  lostResponseRate: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe("Share of calls that take effect but answer HTTP 502 (the caller must retry idempotently)"),
  duplicateRate: z.number().min(0).max(1).default(0).describe("Share of creates answered 'already exists'"),
  down: z.boolean().default(false).describe("Outage: every call answers HTTP 503"),
  downUntil: z.string().datetime({ offset: true }).nullable().default(null).describe("Outage window end"),
});
export type Faults = z.infer<typeof faultsSchema>;

export interface FaultState {
  faults: Faults;
  calls: number;
  injected: number;
}

/** Reads STANDIN_FAULTS_<NAME> (JSON) so a whole demo can start degraded. */
export function faultsFromEnv(name: string, env = process.env): Faults {
  const raw = env[`STANDIN_FAULTS_${name.toUpperCase()}`];
  return faultsSchema.parse(raw ? JSON.parse(raw) : {});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Installs fault injection on a stand-in; admin paths (/__admin/…) are never faulted. */
export function installFaults(app: FastifyInstance, initial: Faults, random = Math.random): FaultState {
  const state: FaultState = { faults: initial, calls: 0, injected: 0 };
  app.addHook("onRequest", async (req, reply) => {
    if (req.url.startsWith("/__admin")) return;
    state.calls++;
    const f = state.faults;
    const wait = f.latencyMs + (f.jitterMs ? random() * f.jitterMs : 0);
    if (wait > 0) await sleep(wait);
    const outage = f.down || (f.downUntil !== null && Date.now() < Date.parse(f.downUntil));
    if (outage) {
      state.injected++;
      return reply.status(503).send({ error_code: 503, message: "Hệ thống đang bảo trì" });
    }
    if (random() < f.errorRate) {
      state.injected++;
      return reply.status(500).send({ error_code: 500, message: "Lỗi hệ thống" });
    }
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.url.startsWith("/__admin") || reply.statusCode >= 400) return payload;
    if (random() < state.faults.lostResponseRate) {
      state.injected++;
      reply.status(502);
      return JSON.stringify({ error_code: 502, message: "Bad gateway" });
    }
    return payload;
  });
  app.get("/__admin/faults", async () => ({ ...state }));
  app.put("/__admin/faults", async (req, reply) => {
    const parsed = faultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.status(400).send({ error: parsed.error.issues });
    state.faults = parsed.data;
    return { ...state };
  });
  return state;
}
