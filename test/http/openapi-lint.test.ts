import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openapiDocument } from "../../scripts/openapi.ts";
import { ACCESS_TABLE } from "../../src/app/access/access-table.ts";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "motcua-openapi-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Operation = { operationId?: string; security?: Record<string, string[]>[]; tags?: string[] };
const doc = (await openapiDocument()) as {
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string }[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
);

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

describe("the API document", () => {
  it("passes Redocly's recommended rules (redocly.yaml) with no error and no warning", async () => {
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(doc));
    const run = promisify(execFile);
    // Lint exits 1 on problems; the report is on stdout either way.
    const out = await run(
      join(root, "node_modules/.bin/redocly"),
      ["lint", file, "--config", join(root, "redocly.yaml"), "--format=json", "--max-problems", "1000"],
      {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
    const report = JSON.parse(out.stdout) as LintReport;
    const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("each operation's security is its rule in the access table: none when public, the bearer token for officials, the cookie for citizens", () => {
    expect(operations.map((o) => o.key).sort()).toEqual(Object.keys(ACCESS_TABLE).sort());
    for (const { key, op } of operations) {
      const who = ACCESS_TABLE[key]?.who;
      const expected =
        who === "public" ? [] : who === "citizen" ? [{ citizenSession: [] }] : [{ bearerAuth: [] }];
      expect(op.security, key).toEqual(expected);
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerAuth", "citizenSession"]);
  });

  it("every operation has a unique operationId and a declared tag", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    expect(doc.paths["/api/v1/dossiers/{code}"]?.get?.operationId).toBe("getDossier");
    const declared = new Set(doc.tags.map((t) => t.name));
    for (const { key, op } of operations) {
      expect(op.tags?.every((t) => declared.has(t)) && op.tags.length > 0, key).toBe(true);
    }
  });

  it("routes that take a file as their body say so: the PDF to verify, the upload", () => {
    const body = (key: string) =>
      (operations.find((o) => o.key === key)?.op as { requestBody?: { content: Record<string, unknown> } })
        ?.requestBody?.content;
    expect(Object.keys(body("POST /api/v1/verify") ?? {})).toContain("application/pdf");
    expect(Object.keys(body("POST /api/v1/dossiers/{code}/files") ?? {})).toContain("application/pdf");
    expect(body("POST /api/v1/verify")?.["application/pdf"]).toMatchObject({
      schema: { type: "string", format: "binary" },
    });
  });

  it("names the main objects as reusable schemas", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Dossier", "DossierActionInput", "Error", "Procedure", "Unit", "Scorecard"]),
    );
  });
});
