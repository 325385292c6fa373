import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import type { Db } from "../../kernel/db/database.ts";
import { inTransaction } from "../../kernel/db/transaction.ts";
import { dossierErrors } from "../dossiers/dossier.errors.ts";
import { pinHash } from "../dossiers/reception.service.ts";
import { refreshKpi } from "../kpi-facts/facts.repository.ts";
import { ratingErrors } from "./feedback.errors.ts";
import type { ratingSchema } from "./feedback.types.ts";

type Rating = import("zod").infer<typeof ratingSchema>;

/**
 * Đánh giá mức độ hài lòng, once per dossier and only after its result was returned: by the
 * applicant with the PIN (tracking page, notification link) or at the counter's kiosk.
 */
export async function rateDossier(
  db: Db,
  code: string,
  who: { pin: string; via: "tracking" | "link" } | { via: "kiosk"; agencyCode: string },
  r: Rating,
  now: Date,
): Promise<Result<{ rating: Rating["rating"] }, AppError>> {
  return inTransaction(db, async (tx) => {
    const d = await tx
      .selectFrom("dossier")
      .select(["id", "code", "pin_hash", "status", "receiving_agency"])
      .where("code", "=", code)
      .forUpdate()
      .executeTakeFirst();
    if (!d) return err(dossierErrors.badPin());
    if ("pin" in who ? d.pin_hash !== pinHash(code, who.pin) : d.receiving_agency !== who.agencyCode) {
      return err(dossierErrors.badPin());
    }
    if (d.status !== "returned") {
      return err(ratingErrors.tooEarly());
    }
    const inserted = await tx
      .insertInto("dossier_rating")
      .values({
        dossier_id: d.id,
        rating: r.rating,
        official_rating: r.officialRating ?? null,
        comment: r.comment,
        via: who.via,
        at: now,
      })
      .onConflict((oc) => oc.column("dossier_id").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      return err(ratingErrors.exists());
    }
    // "Không hài lòng" counts against the agency in indicator 5.4.
    await refreshKpi(tx, [d.id]);
    return ok({ rating: r.rating });
  });
}
