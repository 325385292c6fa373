import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deploymentSchema, envSchema, loadConfig, loadDeployment } from "../../src/app/settings.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";

// Each module declares its slice of the settings; app/settings.ts composes them. The operator
// still reads one table (README.md) and gets one error naming the bad setting.
const readme = readFileSync(`${repoRoot}README.md`, "utf8");
const rows = readme.split("\n").filter((l) => l.startsWith("| `"));

/** A row documents MOTCUA_DVCQG_USER as `MOTCUA_DVCQG_USER`, or as `MOTCUA_DVCQG_URL`, `_USER`. */
const documented = (name: string) =>
  rows.some((row) => {
    if (row.includes(`\`${name}\``)) return true;
    const [, group, rest] = /^(MOTCUA_[A-Z0-9]+)(_.+)$/.exec(name) ?? [];
    return !!group && row.includes(`\`${group}_`) && row.includes(`\`${rest}\``);
  });

describe("settings composed from the modules' slices", () => {
  it("every environment variable says what it is", () => {
    const bare = Object.entries(envSchema.shape).filter(([, s]) => !s.description);
    expect(bare.map(([k]) => k)).toEqual([]);
  });

  it("README's configuration table names every environment variable", () => {
    expect(Object.keys(envSchema.shape).filter((k) => !documented(k))).toEqual([]);
  });

  it("a bad variable is named in the error, whichever module declared it", () => {
    expect(() => loadConfig({ MOTCUA_CLAMD: "clamd" })).toThrow(
      "Cấu hình không hợp lệ: MOTCUA_CLAMD: host:port",
    );
    expect(() => loadConfig({ MOTCUA_DVCQG_URL: "not a url" })).toThrow(
      /^Cấu hình không hợp lệ: MOTCUA_DVCQG_URL:/,
    );
  });

  it("the deployment file carries every module's slice, defaults filled in", () => {
    const d = loadDeployment("ninh-binh");
    expect(Object.keys(d).sort()).toEqual(Object.keys(deploymentSchema.shape).sort());
    expect(d.dossierCodeTemplate).toBe("{agency}-{yymmdd}-{seq:4}");
    expect(d.feedback.dueWorkingDays).toEqual({ complaint: 10, suggestion: 10 });
  });
});
