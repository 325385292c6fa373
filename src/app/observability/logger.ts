import pino, { type DestinationStream, type Logger } from "pino";

/**
 * The process's logger: JSON with ISO times when stdout is a file, a pipe or a journal; readable
 * lines (pino-pretty) on a terminal. pino-pretty is loaded only then, and a server installed
 * without it still logs, as JSON.
 */
export async function createLogger(
  level: string,
  tty = Boolean(process.stdout.isTTY),
  /** Where to write (tests); default stdout. */
  to?: DestinationStream,
): Promise<Logger> {
  const options = { level, timestamp: pino.stdTimeFunctions.isoTime };
  const json = () => (to ? pino(options, to) : pino(options));
  if (!tty) return json();
  try {
    const { default: pretty } = await import("pino-pretty");
    // Synchronous, so the last lines before process.exit are written.
    const lines = pretty({
      colorize: !to,
      sync: true,
      translateTime: "SYS:HH:MM:ss.l",
      ignore: "pid,hostname",
      ...(to ? { destination: to } : {}),
    });
    return pino(options, lines);
  } catch {
    return json();
  }
}

/** A crash is one log line with its stack as a field, not a raw trace in the middle of the JSON. */
export function logCrashes(logger: Logger): void {
  process.on("uncaughtException", (err) => {
    logger.fatal({ err }, "uncaught exception");
    process.exit(1);
  });
}
