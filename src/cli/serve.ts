import pino from "pino";
import { startRuntime } from "../bootstrap/runtime.ts";
import type { AppConfig } from "../config/config.ts";
import { markLate, scheduleDeadlineScan } from "../dossiers/deadlines.service.ts";
import { buildServer } from "../http/server.ts";

export async function serve(config: AppConfig): Promise<void> {
  const started = Date.now();
  const logger = pino({ level: config.LOG_LEVEL });
  const rt = await startRuntime(config, (msg, data) => logger.info(data ?? {}, msg));
  const app = await buildServer(rt, logger);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.PORT, host: config.HOST });
  scheduleDeadlineScan(async () => {
    const late = await markLate(rt.db, rt.now());
    if (late > 0) logger.info({ late }, "deadline pass marked dossiers late");
  });
  logger.info(
    {
      url: `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`,
      ms: Date.now() - started,
      embedded: rt.database.embedded,
    },
    "motcua is serving",
  );
}
