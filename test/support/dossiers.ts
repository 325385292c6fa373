import type { Db } from "../../src/kernel/db/database.ts";

/** Thủ tục đăng ký kết hôn: the procedure the dossier tests receive. */
export const DEMO_PROCEDURE = "1.000894";

/** The first component the catalogue lists for a procedure (what a desk ticks off). */
export async function firstComponent(db: Db, code = DEMO_PROCEDURE): Promise<string> {
  const p = await db
    .selectFrom("procedure")
    .select("components")
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return p.components[0]?.name as string;
}

/** A reception request body for an applicant, accepted at the desk. */
export function receptionBody(component: string, applicant: unknown, extra: Record<string, unknown> = {}) {
  return {
    procedureCode: DEMO_PROCEDURE,
    channel: 1,
    applicant,
    submission: { by: "applicant" },
    components: [{ name: component }],
    outcome: "accept",
    ...extra,
  };
}

/** Outbox events of a topic not yet delivered. */
export async function pendingOutbox(db: Db, topic: string): Promise<number> {
  const r = await db
    .selectFrom("outbox_event")
    .select((e) => e.fn.countAll().as("n"))
    .where("topic", "=", topic)
    .where("delivered_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
