import { once } from "node:events";
import { connect } from "node:net";
import type { VirusScan } from "./upload.service.ts";

/**
 * ClamAV's clamd INSTREAM protocol: the bytes in length-prefixed chunks, a zero-length chunk to
 * end, then "stream: OK" or "stream: <name> FOUND". A scanner that cannot answer fails the upload
 * (a file is never let through unscanned when a scanner is configured). The file is streamed from
 * quarantine, never held whole.
 */
export function clamdScanner(host: string, port: number, timeoutMs = 30_000): VirusScan {
  return (file) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      let answer = "";
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error("clamd timed out")));
      socket.on("error", (e) => {
        file.destroy();
        reject(e);
      });
      socket.on("data", (c) => {
        answer += c.toString("utf8");
      });
      socket.on("end", () => {
        const text = answer.replace(/\0/g, "").trim();
        const found = /^stream: (.+) FOUND$/.exec(text);
        if (found) resolve({ infected: found[1] ?? "unknown" });
        else if (text === "stream: OK") resolve({ infected: null });
        else reject(new Error(`clamd: ${text}`));
      });
      socket.on("connect", async () => {
        try {
          socket.write("zINSTREAM\0");
          for await (const chunk of file as AsyncIterable<Buffer>) {
            const size = Buffer.alloc(4);
            size.writeUInt32BE(chunk.length);
            socket.write(size);
            if (!socket.write(chunk)) await once(socket, "drain");
          }
          socket.end(Buffer.alloc(4));
        } catch (e) {
          socket.destroy(e as Error);
        }
      });
    });
}
