import nodemailer, { type Transporter } from "nodemailer";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { requestJson } from "../http-json.client.ts";
import { type DeliveryFailure, failureOf } from "../outbox/retry.ts";

export interface NotifyConfig {
  /** smtp://user:pass@host:port; absent: no email. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The SMS gateway's send endpoint; absent: no SMS. */
  smsUrl: string | null;
  smsKey: string;
  timeoutMs: number;
}

/** Email over SMTP (nodemailer) and SMS through an HTTP gateway. */
export class Notifier {
  private readonly mail: Transporter | null;

  constructor(readonly config: NotifyConfig) {
    this.mail = config.smtpUrl
      ? nodemailer.createTransport(withTimeouts(config.smtpUrl, config.timeoutMs))
      : null;
  }

  get channels() {
    return { email: this.mail !== null, sms: this.config.smsUrl !== null };
  }

  async email(
    to: string,
    subject: string,
    text: string,
    headers: Record<string, string>,
  ): Promise<Result<string, DeliveryFailure>> {
    if (!this.mail) return err({ reason: "email-off", detail: "", retryable: false });
    try {
      const info = await this.mail.sendMail({ from: this.config.mailFrom, to, subject, text, headers });
      return ok(String(info.messageId ?? ""));
    } catch (e) {
      const f = failureOf(e);
      return err({ ...f, reason: `smtp-${f.reason}` });
    }
  }

  async sms(to: string, message: string): Promise<Result<string, DeliveryFailure>> {
    if (!this.config.smsUrl) return err({ reason: "sms-off", detail: "", retryable: false });
    const r = await requestJson("POST", this.config.smsUrl, {
      body: { to, message },
      headers: { "x-api-key": this.config.smsKey },
      timeoutMs: this.config.timeoutMs,
    });
    if (!r.ok) return r;
    const b = r.value.body as { id?: string; error?: string } | null;
    if (r.value.status !== 200 || !b?.id) {
      return err({
        reason: `sms-${r.value.status}`,
        detail: String(b?.error ?? ""),
        retryable: r.value.status !== 400,
      });
    }
    return ok(b.id);
  }

  close(): void {
    this.mail?.close();
  }
}

/** nodemailer reads its timeouts from the connection URL's query. */
function withTimeouts(url: string, ms: number): string {
  const u = new URL(url);
  u.searchParams.set("connectionTimeout", String(ms));
  u.searchParams.set("socketTimeout", String(ms));
  return u.toString();
}
