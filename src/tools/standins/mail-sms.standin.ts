import Fastify, { type FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";
import { type Faults, installFaults } from "./faults.ts";

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
}

/** An SMTP server that keeps what it receives (smtp-server), for demos and tests. */
export function createSmtpStandin(): { server: SMTPServer; messages: CapturedMail[] } {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
        const headers = Object.fromEntries(
          head
            .replace(/\r?\n\s+/g, " ")
            .split(/\r?\n/)
            .map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
        );
        const from = session.envelope.mailFrom;
        messages.push({
          from: from ? from.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers,
        });
        done();
      });
    },
  });
  return { server, messages };
}

/** An SMS gateway: POST {to, message} with an API key; also shows the SMTP stand-in's mail. */
export function createSmsStandin(o: { apiKey: string; faults: Faults; mail?: CapturedMail[] }): {
  app: FastifyInstance;
  sent: { id: string; to: string; message: string }[];
} {
  const app = Fastify({ logger: false });
  installFaults(app, o.faults);
  const sent: { id: string; to: string; message: string }[] = [];
  app.post("/api/sms/send", async (req, reply) => {
    if (req.headers["x-api-key"] !== o.apiKey) return reply.status(401).send({ error: "Sai khóa" });
    const b = (req.body ?? {}) as { to?: string; message?: string };
    if (!b.to || !/^0\d{9}$/.test(b.to) || !b.message)
      return reply.status(400).send({ error: "Số điện thoại hoặc nội dung không hợp lệ" });
    const id = `SMS${sent.length + 1}`;
    sent.push({ id, to: b.to, message: b.message });
    return { id, status: "queued" };
  });
  app.get("/__admin/sms", async () => sent);
  app.get("/__admin/mail", async () =>
    (o.mail ?? []).map((m) => ({ from: m.from, to: m.to, headers: m.headers })),
  );
  return { app, sent };
}
