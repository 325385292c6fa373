#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a fresh clone needs no build step.
import { register } from "tsx/esm/api";

register();
// Traces patch pg, http and undici as they load, so they start first; unset, nothing is loaded.
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { startTracing } = await import("../src/app/observability/tracing.service.ts");
  await startTracing();
}
await import("../src/app/cli/main.ts");
