import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSignersAtStart } from "../../src/app/bootstrap/integrations.ts";
import { StartRefused } from "../../src/app/bootstrap/production.ts";
import { PkiFolder } from "../../src/casework/documents/pki.store.ts";
import { createDemoCa, issueAgencyCredential } from "../../src/casework/documents/pki.ts";
import { readSignersFile } from "../../src/casework/documents/signers-file.store.ts";
import { syntheticPerson } from "../../src/tools/demo/people.ts";
import { createCscStandin } from "../../src/tools/standins/csc.standin.ts";
import { faultsSchema } from "../../src/tools/standins/faults.ts";
import { testApp, testIntegrations } from "../support/app.ts";
import { freshDatabase } from "../support/database.ts";
import { firstComponent, receptionBody } from "../support/dossiers.ts";

// signers.json chooses who signs a result (issue 21): the approving official's own remote-signing
// account, then the agency's seal; a signer that cannot sign answers 503 and issues nothing.

const { db } = await freshDatabase();
const component = (await firstComponent(db)).normalize("NFC");
const leader = await db
  .selectFrom("official")
  .select(["full_name", "title"])
  .where("username", "=", "leader")
  .executeTakeFirstOrThrow();

const ca = createDemoCa(new Date("2026-01-01T00:00:00Z"), {
  commonName: "Ban Cơ yếu Chính phủ — thử nghiệm",
  organizationName: "Cục Chứng thực số và Bảo mật thông tin",
});
const standin = createCscStandin({
  faults: faultsSchema.parse({}),
  ca,
  clientId: "motcua-test",
  clientSecret: "bí-mật",
  credentials: [{ id: "lanh-dao", pin: "135790", agency: { code: "LD", name: "Lãnh đạo Sở — ký từ xa" } }],
});
const env = { CSC_SECRET: "bí-mật", CSC_PIN: "135790", CSC_BAD_PIN: "000000", SEAL_PASS: "" };

/** A PKI folder with the CA trusted, a seal as PKCS#12 and signers.json naming the leader's account. */
function pkiFolder(pinEnv: string, handlingAgency: string): PkiFolder {
  const dir = mkdtempSync(join(tmpdir(), "motcua-signers-"));
  mkdirSync(join(dir, "trusted"));
  mkdirSync(join(dir, "agencies"));
  writeFileSync(join(dir, "trusted", "ban-co-yeu.pem"), ca.certPem);
  const seal = issueAgencyCredential(ca, { code: handlingAgency, name: "Sở Tư pháp (con dấu)" });
  writeFileSync(join(dir, "agencies", "seal.p12"), seal.p12);
  env.SEAL_PASS = seal.passphrase;
  const port = (standin.app.server.address() as { port: number }).port;
  writeFileSync(
    join(dir, "signers.json"),
    JSON.stringify({
      version: 1,
      agencies: {
        [handlingAgency]: { seal: { kind: "pkcs12", file: "agencies/seal.p12", passphraseEnv: "SEAL_PASS" } },
      },
      officials: {
        leader: {
          kind: "csc",
          baseUrl: `http://127.0.0.1:${port}/csc/v2`,
          clientId: "motcua-test",
          clientSecretEnv: "CSC_SECRET",
          pinEnv,
        },
      },
    }),
  );
  return new PkiFolder(dir, false, null, { seal: true }, env);
}

async function throughApproval(t: Awaited<ReturnType<typeof testApp>>, n: number) {
  const person = syntheticPerson(700 + n);
  const r = await t.call("POST", "/api/v1/dossiers", {
    as: "desk",
    body: receptionBody(component, { kind: "individual", name: person.name, idNumber: person.idNumber }),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  for (const [as, body] of [
    ["desk", { type: "forward" }],
    ["specialist", { type: "forward" }],
    ["head", { type: "forward" }],
    ["leader", { type: "approve" }],
  ] as const) {
    const a = await t.call("POST", `/api/v1/dossiers/${r.body.code}/actions`, { as, body });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
  }
  return r.body.code as string;
}

const handlingAgencyOf = async (code: string) =>
  (
    await db
      .selectFrom("dossier")
      .select("handling_agency")
      .where("code", "=", code)
      .executeTakeFirstOrThrow()
  ).handling_agency;

describe("signers.json", () => {
  beforeAll(() => standin.app.listen({ port: 0, host: "127.0.0.1" }));
  afterAll(() => standin.app.close());

  it("a file that does not parse names itself and what is wrong", () => {
    const dir = mkdtempSync(join(tmpdir(), "motcua-signers-bad-"));
    writeFileSync(
      join(dir, "signers.json"),
      JSON.stringify({ version: 1, officials: { a: { kind: "pkcs11", module: "libx.so", token: "T" } } }),
    );
    expect(() => readSignersFile(dir)).toThrow(/signers\.json is not a valid signers file[\s\S]*module/);
  });

  it("motcua pki signers reaches each signer and says which cannot sign, exiting 1", async () => {
    const folder = pkiFolder("CSC_PIN", "000.00.37.H40");
    const dir = (folder as unknown as { dir: string }).dir;
    const file = JSON.parse(readFileSync(join(dir, "signers.json"), "utf8"));
    file.officials.away = { ...file.officials.leader, baseUrl: "http://127.0.0.1:9/csc/v2" };
    writeFileSync(join(dir, "signers.json"), JSON.stringify(file));
    // Not spawnSync: the stand-in answers from this process.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ["bin/motcua.js", "pki", "signers", "--json"],
        { env: { ...process.env, ...env, MOTCUA_PKI_DIR: dir } },
        (e, stdout, stderr) => resolve({ status: e ? (e.code as number) : 0, stdout, stderr }),
      ),
    );
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const out = JSON.parse(run.stdout) as {
      signers: { who: string; ok: boolean; subject?: string; problem?: string }[];
    };
    expect(out.signers).toEqual([
      expect.objectContaining({
        who: "agency 000.00.37.H40 seal",
        ok: true,
        subject: expect.stringContaining("con dấu"),
      }),
      expect.objectContaining({
        who: "official leader",
        ok: true,
        subject: expect.stringContaining("ký từ xa"),
      }),
      expect.objectContaining({
        who: "official away",
        ok: false,
        problem: expect.stringMatching(/^REMOTE_REFUSED/),
      }),
    ]);
  });

  it("the approving official's remote-signing account signs, then the agency's seal; the official's name is printed", async () => {
    const base = await testApp(db);
    const code = await throughApproval(base, 1);
    const agency = await handlingAgencyOf(code);
    const integrations = { ...testIntegrations(), signing: pkiFolder("CSC_PIN", agency) };
    const t = await testApp(db, "2026-03-09T09:00:00+07:00", integrations);
    const issued = await t.call("POST", `/api/v1/dossiers/${code}/actions`, {
      as: "clerk",
      body: { type: "issue-result", resultCodes: [] },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const doc = await db
      .selectFrom("citizen_document as c")
      .innerJoin("dossier as d", "d.id", "c.dossier_id")
      .innerJoin("stored_file as f", "f.id", "c.file_id")
      .select(["c.public_id", "f.sha256"])
      .where("d.code", "=", code)
      .executeTakeFirstOrThrow();
    const v = await t.call("GET", `/api/v1/verify/${doc.public_id}`);
    expect(
      v.body.report.signatures.map((s: { signer: { commonName: string } }) => s.signer.commonName),
    ).toEqual([
      expect.stringContaining("Lãnh đạo Sở — ký từ xa"),
      expect.stringContaining("Sở Tư pháp (con dấu)"),
    ]);
    expect(v.body.report.valid).toBe(true);
    expect(v.body.report.signatures.map((s: { chain: { status: string } }) => s.chain.status)).toEqual([
      "trusted",
      "trusted",
    ]);
    const pdf = (await integrations.files.get(doc.sha256)) as Buffer;
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
    expect(text).toContain(leader.full_name);
    expect(text).toMatch(/Ninh Bình, ngày \d{2} tháng \d{2} năm 2026/);
    expect(text).not.toContain("Số: Số:");
  });

  it("a rejected PIN is a 503 naming the reason, and nothing is issued", async () => {
    const base = await testApp(db);
    const code = await throughApproval(base, 2);
    const t = await testApp(db, "2026-03-09T09:00:00+07:00", {
      ...testIntegrations(),
      signing: pkiFolder("CSC_BAD_PIN", await handlingAgencyOf(code)),
    });
    const r = await t.call("POST", `/api/v1/dossiers/${code}/actions`, {
      as: "clerk",
      body: { type: "issue-result", resultCodes: [] },
    });
    expect([r.status, r.body.error.code]).toEqual([503, "RESULT_SIGNER_PIN_REJECTED"]);
    expect(r.body.error.message).toContain("Mã PIN");
    const after = await db
      .selectFrom("dossier as d")
      .leftJoin("citizen_document as c", "c.dossier_id", "d.id")
      .select(["d.finished_at", "c.id"])
      .where("d.code", "=", code)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ finished_at: null, id: null });
  });

  it("outside demo a certificate from the demo CA, or from a CA not in the trust list, signs nothing: 409, and nothing is issued", async () => {
    const base = await testApp(db);
    const code = await throughApproval(base, 3);
    const agency = await handlingAgencyOf(code);
    const dir = mkdtempSync(join(tmpdir(), "motcua-untrusted-"));
    // A demo run left its files; the same folder now serves outside demo.
    new PkiFolder(dir, true).credentialFor({ code: agency, name: "Sở Tư pháp" });
    const t = await testApp(db, "2026-03-09T09:00:00+07:00", {
      ...testIntegrations(),
      signing: new PkiFolder(dir, false),
    });
    const r = await t.call("POST", `/api/v1/dossiers/${code}/actions`, {
      as: "clerk",
      body: { type: "issue-result", resultCodes: [] },
    });
    expect([r.status, r.body.error.code, r.body.error.details.chain]).toEqual([
      409,
      "RESULT_SIGNER_UNTRUSTED",
      "demo",
    ]);
    expect(r.body.error.message).toContain("thử nghiệm (demo)");
    const row = await db
      .selectFrom("dossier")
      .select("finished_at")
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    expect(row.finished_at).toBeNull();
  });

  it("at start, a typo in an agency code or username, or an unset PIN variable, refuses the start with the reason", async () => {
    const folder = (file: object, env: NodeJS.ProcessEnv = {}) => {
      const dir = mkdtempSync(join(tmpdir(), "motcua-start-"));
      writeFileSync(join(dir, "signers.json"), JSON.stringify(file));
      return new PkiFolder(dir, false, null, {}, env);
    };
    const csc = {
      kind: "csc",
      baseUrl: "http://127.0.0.1:9/csc/v2",
      clientId: "x",
      clientSecretEnv: "S",
      pinEnv: "P",
    };
    const refusal = (f: PkiFolder) =>
      checkSignersAtStart(f, db).then(
        () => null,
        (e: unknown) => (e instanceof StartRefused ? e.error : e),
      );
    const typo = await refusal(
      folder(
        { version: 1, agencies: { "000.00.37.H4O": { official: csc } }, officials: { leadr: csc } },
        { S: "s", P: "p" },
      ),
    );
    expect(typo).toMatchObject({
      code: "START_SIGNERS_UNKNOWN",
      details: { unknown: ['cơ quan "000.00.37.H4O"', 'cán bộ "leadr"'] },
    });
    const unset = await refusal(folder({ version: 1, officials: { leader: csc } }, { S: "s" }));
    expect(unset).toMatchObject({ code: "START_SIGNERS_INVALID" });
    const misspelt = await refusal(
      folder({ version: 1, officials: { leader: { ...csc, pinenv: "P" } } }, { S: "s", P: "p" }),
    );
    expect(misspelt).toMatchObject({
      code: "START_SIGNERS_INVALID",
      message: expect.stringContaining("pinenv"),
    });
    expect(await refusal(folder({ version: 1, officials: { leader: csc } }, { S: "s", P: "p" }))).toBeNull();
  });
});
