import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { purgeExpiredPersonalData } from "../../src/casework/dossiers/retention.service.ts";
import { PURGED_NAME, purgedApplicant } from "../../src/casework/dossiers/retention.ts";
import { LocalFileStore } from "../../src/kernel/files/file-store.store.ts";
import { saveFile } from "../../src/kernel/files/files.service.ts";
import { verifyKpi } from "../../src/oversight/kpi/recompute.service.ts";
import { testApp } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

const { db } = await freshDatabase();
const files = new LocalFileStore(mkdtempSync(join(tmpdir(), "motcua-retention-")));
const t = await testApp(db, "2026-03-09T08:00:00+07:00", { files });
const component = await firstComponent(db);
const SETTINGS = { refusedDays: 365, awaitingCompletionDays: 180 };
const person = { kind: "individual", name: "Phạm Thị Lưu", idNumber: "035085000123", phone: "0912345678" };

async function receive(extra: Record<string, unknown>) {
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: receptionBody(component, person, extra),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const d = await db
    .selectFrom("dossier")
    .select("id")
    .where("code", "=", r.body.code)
    .executeTakeFirstOrThrow();
  return { code: r.body.code as string, id: d.id };
}
const row = (code: string) =>
  db
    .selectFrom("dossier")
    .select(["applicant", "submission", "personal_data_purged_at", "status"])
    .where("code", "=", code)
    .executeTakeFirstOrThrow();

describe("retention of personal data (lưu giữ)", () => {
  it("empties every personal field of an applicant, keeping its kind", () => {
    expect(
      purgedApplicant({
        kind: "individual",
        name: "A B",
        idNumber: "1",
        phone: "2",
        email: "3",
        address: "4",
      }),
    ).toEqual({
      kind: "individual",
      name: PURGED_NAME,
      idNumber: "",
      phone: "",
      email: "",
      address: "",
    });
  });

  it("removes refused and abandoned dossiers' personal data and files once their time is up, and nothing else", async () => {
    const refused = await receive({ outcome: "refuse", reason: "Không thuộc thẩm quyền" });
    const waiting = await receive({
      outcome: "request-completion",
      reason: "Thiếu giấy tờ",
      missingItems: ["Bản sao giấy khai sinh"],
      submission: { by: "authorised-person", authorisedPerson: "Nguyễn Văn Được Ủy Quyền" },
    });
    const kept = await receive({ outcome: "accept" });
    const scan = Buffer.from("%PDF-1.4 bản quét giấy tờ của người nộp");
    const shared = Buffer.from("%PDF-1.4 cùng một bản quét ở hai hồ sơ");
    const meta = { kind: "scan", name: "scan.pdf", mime: "application/pdf", source: "desk" };
    await saveFile(db, files, { ...meta, dossierId: refused.id }, scan);
    await saveFile(db, files, { ...meta, dossierId: refused.id }, shared);
    await saveFile(db, files, { ...meta, dossierId: kept.id }, shared);
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

    // Not yet: a day short of each period.
    expect(
      await purgeExpiredPersonalData(db, files, SETTINGS, new Date("2026-09-04T08:00:00+07:00")),
    ).toEqual({
      dossiers: 0,
      files: 0,
    });
    // 181 days on: the abandoned one goes; the refused one waits for its year.
    expect(
      (await purgeExpiredPersonalData(db, files, SETTINGS, new Date("2026-09-06T08:00:00+07:00"))).dossiers,
    ).toBe(1);
    const w = await row(waiting.code);
    expect([
      w.applicant.name,
      w.applicant.idNumber,
      w.applicant.phone,
      w.submission.authorisedPerson,
    ]).toEqual([PURGED_NAME, "", "", ""]);
    expect((await row(refused.code)).applicant.name).toBe("Phạm Thị Lưu");

    const r = await purgeExpiredPersonalData(db, files, SETTINGS, new Date("2027-03-10T08:00:00+07:00"));
    expect(r).toEqual({ dossiers: 1, files: 1 }); // the scan only it held; the shared copy stays
    const gone = await row(refused.code);
    expect([gone.applicant.kind, gone.applicant.name, gone.status]).toEqual([
      "individual",
      PURGED_NAME,
      "refused",
    ]);
    expect(gone.personal_data_purged_at).not.toBeNull();
    expect(await files.get(sha(scan))).toBeNull();
    expect(await files.get(sha(shared))).not.toBeNull();
    expect((await row(kept.code)).applicant.name).toBe("Phạm Thị Lưu");

    // Idempotent; the numbers do not move; the audit log says what was removed.
    expect(
      await purgeExpiredPersonalData(db, files, SETTINGS, new Date("2027-03-10T08:00:00+07:00")),
    ).toEqual({
      dossiers: 0,
      files: 0,
    });
    expect((await verifyKpi(db)).ok).toBe(true);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "retention purge")
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { dossiers: [waiting.id], files: 0 },
      { dossiers: [refused.id], files: 2 },
    ]);
  });
});
