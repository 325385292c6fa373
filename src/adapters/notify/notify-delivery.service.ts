import { sql } from "kysely";
import type { Applicant } from "../../casework/dossiers/dossier.types.ts";
import { ok } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { type Deliver, eachOnItsOwn } from "../outbox/outbox.repository.ts";
import { eventOf, maskRecipient, render } from "./notification-templates.ts";
import type { Notifier } from "./notify.client.ts";
import type { NotifySettings } from "./notify.settings.ts";

interface Row {
  code: string;
  procedure_name: string;
  applicant: Applicant;
  due_at: Date | null;
  synthetic: boolean;
  type: string;
  to_status: string;
  note: string;
  payload: { missingItems?: string[] };
  agency_name: string | null;
}

/**
 * Tells the applicant about one journal entry when its event is switched on. Each (entry, channel)
 * is sent at most once: the notification table remembers what went out.
 */
export function notifyDeliverer(
  db: Db,
  deployment: NotifySettings,
  notifier: Notifier,
  publicUrl: string,
): Deliver {
  return eachOnItsOwn(async (event) => {
    const r = await sql<Row>`
      SELECT d.code, d.procedure_name, d.applicant, d.due_at, d.synthetic, a.type, a.to_status, a.note, a.payload, g.name AS agency_name
      FROM dossier d
      JOIN dossier_action a ON a.dossier_id = d.id AND a.seq = ${event.seq}
      LEFT JOIN agency g ON g.code = d.receiving_agency
      WHERE d.id = ${event.dossierId}`.execute(db);
    const row = r.rows[0];
    const kind = row && !row.synthetic ? eventOf(row.type, row.to_status) : null;
    if (!row || !kind) return ok("skipped");
    const wanted = deployment.notifications[kind];
    const text = render(kind, {
      code: row.code,
      procedureName: row.procedure_name,
      applicantName: row.applicant.name,
      agencyName: row.agency_name ?? "",
      dueAt: row.due_at,
      // One consolidated list (mẫu 02): the citizen learns everything that is missing at once.
      note: [row.note, ...(row.payload.missingItems ?? [])].filter(Boolean).join("; "),
      trackingUrl: `${publicUrl}/tra-cuu?ma=${encodeURIComponent(row.code)}`,
    });
    const sends: { channel: "email" | "sms"; to: string; send: () => ReturnType<Notifier["sms"]> }[] = [];
    if (wanted.email && notifier.channels.email && row.applicant.email) {
      sends.push({
        channel: "email",
        to: row.applicant.email,
        send: () =>
          notifier.email(row.applicant.email, text.subject, text.body, {
            "X-Motcua-Dossier": row.code,
            "X-Motcua-Event": kind,
          }),
      });
    }
    if (wanted.sms && notifier.channels.sms && row.applicant.phone) {
      sends.push({
        channel: "sms",
        to: row.applicant.phone,
        send: () => notifier.sms(row.applicant.phone, text.sms),
      });
    }
    let sent = 0;
    for (const s of sends) {
      const done = await db
        .selectFrom("notification")
        .select("id")
        .where("dossier_id", "=", event.dossierId)
        .where("seq", "=", event.seq)
        .where("channel", "=", s.channel)
        .executeTakeFirst();
      if (done) continue;
      const result = await s.send();
      if (!result.ok) return result;
      await db
        .insertInto("notification")
        .values({
          dossier_id: event.dossierId,
          seq: event.seq,
          event: kind,
          channel: s.channel,
          recipient_masked: maskRecipient(s.to),
          provider_ref: result.value,
        })
        .onConflict((oc) => oc.columns(["dossier_id", "seq", "channel"]).doNothing())
        .execute();
      sent++;
    }
    return ok(sent > 0 ? "sent" : "skipped");
  });
}
